// The class select and "guidance w" control on the page: filled from the loaded model's classes
// (classes.ts: options, colours, the reason they are off), off for a model without classes or
// with a partner, and a chosen class turns the partner off. Reads the chosen class at the typed
// weight — checked as --class and --guidance are — as the target's guidance.

import type { LoadedModel } from '../src/checkpoint.js';
import { DATASETS } from '../src/data/datasets.js';
import type { Guidance } from '../src/sampling/guidance.js';
import { GUIDANCE_KNOBS } from '../src/sampling/guidanceKnobs.js';
import { classesOf, classOptions, GUIDANCE_CONTROLS, noGuidanceReason } from './classes.js';
import { buildControls, fillSelect, readControls } from './controls.js';
import { labelOf } from './sampling.js';
import { labelsByFlag } from './words.js';

/** The guidance control's label by flag, for errors in the page's words (words.ts). */
export const GUIDANCE_WORDS = labelsByFlag([{ knobs: GUIDANCE_KNOBS, labels: Object.fromEntries(GUIDANCE_CONTROLS.map((c) => [c.field, c.label])) }]);

export class ClassControls {
  constructor(
    private readonly el: (id: string) => HTMLElement,
    params: URLSearchParams,
  ) {
    buildControls(el('guidance-knob'), GUIDANCE_KNOBS, GUIDANCE_CONTROLS, params);
  }

  private get select(): HTMLSelectElement {
    return this.el('class') as HTMLSelectElement;
  }

  /** Refills the select for `model` (keeping `wanted` when it is still a class) and turns controls on or off. */
  list(model: LoadedModel | undefined, withPartner: boolean, wanted = this.select.value): void {
    const sel = this.select;
    const why = noGuidanceReason(model, withPartner);
    const classes = why ? undefined : model!.classes;
    // The panels' labels of the law's modes, when the classes are a mixture's components.
    const law = model && DATASETS[model.meta.dataset.name];
    const modes = law?.mixture ? law.modes?.names.map(labelOf) : undefined;
    fillSelect(sel, classOptions(classes, classes?.sets && wanted.includes(',') ? wanted : undefined, modes), why ? '' : wanted);
    for (const el of [sel, this.el('guidance') as HTMLInputElement]) {
      el.disabled = !!why;
      el.title = why ? `Off: ${why}.` : '';
    }
    this.el('class-note').textContent = why && model ? `Class and guidance are off: ${why}.` : '';
    const partner = this.el('partner') as HTMLSelectElement;
    partner.disabled = sel.value !== '';
    partner.title = sel.value ? 'Off while a class is guided: guidance guides one model.' : '';
  }

  /** The chosen class at the typed weight, or undefined for none; throws the first problem in the page's words. */
  guidance(model: LoadedModel | undefined, label: string): Guidance | undefined {
    const cls = this.select.value;
    if (!cls || !model) return undefined;
    const { guidance } = readControls(GUIDANCE_KNOBS, GUIDANCE_CONTROLS) as { guidance: number };
    return { classes: classesOf(cls, model, label), w: guidance };
  }

  /** ?class=: a class of the loaded model (checked as --class is), then chosen; throws why not. */
  choose(cls: string, model: LoadedModel | undefined, withPartner: boolean, label: string): void {
    const why = noGuidanceReason(model, withPartner);
    if (why) throw new Error(`Class and guidance are off: ${why} (?class=${cls}).`);
    classesOf(cls, model!, label);
    this.list(model, withPartner, cls);
  }
}
