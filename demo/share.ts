// The page's settings as a link and as command lines, written from its controls: the URL follows
// every setting (history.replaceState: no history entry per change), the CLI box holds one
// `npm run sample` line per panel (with the guided class and weight); and the partner check said
// before a partner is loaded.

import type { ModelMeta } from '../src/checkpoint.js';
import type { Knobs } from '../src/config/knobs.js';
import { checkProduct } from '../src/sampling/product.js';
import { composeSampler } from '../src/sampling/compose.js';
import { resolveSampleSettings } from '../src/sampling/settings.js';
import { TRAIN_KNOBS } from '../src/train/config.js';
import { controlText, type ControlSpec } from './controls.js';
import { guidanceQuery } from './classes.js';
import { TRAIN_CONTROLS } from './training.js';
import { cliCommand, modelArg, urlNameOf } from './urlState.js';

const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const value = (id: string) => input(id).value.trim();

/** The query string of the current settings; training knobs only where they differ from the defaults. */
export function settingsQuery(modelKey: string, sampleControls: ControlSpec[], keep: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams();
  const name = urlNameOf(modelKey);
  if (name) p.set('model', name);
  const partnerName = urlNameOf(value('partner'));
  if (partnerName) p.set('product', partnerName);
  for (const [k, v] of Object.entries(guidanceQuery(value('class'), value('guidance')))) p.set(k, v);
  for (const id of ['left', 'right']) p.set(id, value(id));
  for (const c of sampleControls) p.set(c.param ?? c.field, value(c.field));
  p.set('landscape', value('landscape'));
  p.set('trails', input('trails').checked ? '1' : '0');
  for (const c of TRAIN_CONTROLS) {
    const d = (TRAIN_KNOBS as Knobs)[c.field].default;
    const v = controlText(`train-${c.field}`);
    if (v !== (Array.isArray(d) ? d.join(',') : String(d ?? ''))) p.set(c.param ?? c.field, v);
  }
  for (const k of ['backend', 'threads']) if (keep.has(k)) p.set(k, keep.get(k)!);
  return p;
}

/** Rewrites the URL and the CLI box from the controls. */
export function writeShare(modelKey: string, sampleControls: ControlSpec[], keep: URLSearchParams): void {
  history.replaceState(null, '', `${location.pathname}?${settingsQuery(modelKey, sampleControls, keep)}`);
  const models = [modelKey, value('partner')].filter(Boolean).map(modelArg);
  const num = (id: string) => Number(value(id));
  const guidance = value('class') ? { cls: value('class'), w: num('guidance') } : undefined;
  const line = (side: string) => {
    const parts = composeSampler(resolveSampleSettings({ sampler: value(side) }));
    return cliCommand({ models, guidance, sampler: value(side), steps: num('steps'), n: num('n'), alpha: num('alpha'), beta: num('beta'), seed: num('seed'), weighted: parts.weighted, reaction: parts.spec.reaction });
  };
  (document.getElementById('cli') as HTMLTextAreaElement).value = modelKey ? ['left', 'right'].map(line).join('\n') : '';
}

export async function copy(text: string, button: HTMLElement): Promise<void> {
  const was = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed: select and copy by hand';
  }
  setTimeout(() => (button.textContent = was), 1500);
}

/** Why two checkpoints cannot be multiplied (another SDE or frame), from their metadata alone; undefined when they can. */
export function incompatibility(a: Pick<ModelMeta, 'sde' | 'standardization'>, b: Pick<ModelMeta, 'sde' | 'standardization'>, la: string, lb: string): string | undefined {
  try {
    checkProduct([{ meta: a as ModelMeta }, { meta: b as ModelMeta }], [la, lb]);
    return undefined;
  } catch (e) {
    // "… use different SDEs (…)" / "… work in different frames (…)": the reason without the CLI's advice.
    return (e as Error).message.split(';')[0].replace(/^incompatible models in a product: .* (use|work in) /, '$1 ');
  }
}
