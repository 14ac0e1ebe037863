/// <reference types="vite/client" />
// The browser demo: load a checkpoint over HTTP with the standard tfjs loader (or a user's own
// files / URL), pick webgl → wasm → cpu, and run two samplers side by side with the same seed,
// one animation frame per step so the page stays responsive. Uses the same core as the CLI.

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { loadModelFromFiles, loadModelFromUrl, type LoadedModel } from '../src/checkpoint.js';
import { knobProblem } from '../src/config/knobs.js';
import { defaultTOff } from '../src/sampling/cutoff.js';
import { SAMPLE_KNOBS } from '../src/sampling/settings.js';
import { parsePointsCsv } from '../src/data/csv.js';
import { DATASETS } from '../src/data/datasets.js';
import { unstandardize } from '../src/data/standardize.js';
import { mmd2 } from '../src/metrics/distances.js';
import { modeWeightError, modeWeights, targetModeWeights } from '../src/metrics/modes.js';
import { sample, type StepInfo } from '../src/sampling/sample.js';
import { SAMPLER_NAMES } from '../src/sampling/samplers.js';
import { drawEss, drawParticles, extentOf, type Extent } from './draw.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (s: string) => ($('status').textContent = s);
const showError = (s: string) => ($('error').textContent = s);
const params = new URLSearchParams(location.search);

interface Entry {
  name: string;
  dataset: string;
}

async function pickBackend(): Promise<string> {
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
  const order = params.get('backend') ? [params.get('backend')!] : ['webgl', 'wasm', 'cpu'];
  for (const b of order) {
    try {
      if (await tf.setBackend(b)) {
        await tf.ready();
        return b;
      }
    } catch {
      // try the next one
    }
  }
  throw new Error('no TensorFlow.js backend could be initialised');
}

// ---- run control: play / pause / single step, shared by both samplers -----------------------
let allowed = Infinity; // steps each sampler may complete
let runId = 0;
const progress = { left: 0, right: 0 };
let wake: (() => void)[] = [];
const notify = () => {
  wake.forEach((f) => f());
  wake = [];
};
class Cancelled extends Error {}

async function gate(side: 'left' | 'right', id: number): Promise<void> {
  await new Promise((r) => requestAnimationFrame(r)); // yield: draw, handle input
  while (id === runId && progress[side] >= allowed) await new Promise<void>((r) => wake.push(r));
  if (id !== runId) throw new Cancelled();
}

// ---- state -----------------------------------------------------------------------------------
let model: LoadedModel | undefined;
let reference: Float32Array | undefined;
let extent: Extent | undefined;
let backend = '';

/** Loads a checkpoint; on failure shows why, keeps the previous one and returns false. */
async function useModel(load: () => Promise<LoadedModel>, label: string): Promise<boolean> {
  showError('');
  status(`loading ${label}…`);
  try {
    const m = await load();
    if (model) tf.dispose(model.weights);
    model = m;
  } catch (e) {
    showError(`Could not load checkpoint ${label}: ${(e as Error).message}`);
    status(model ? 'kept the previous checkpoint' : 'no checkpoint loaded');
    return false;
  }
  const ds = model.meta.dataset.name;
  reference = undefined;
  try {
    // Only a built-in dataset's reference file: the name comes from the checkpoint.
    const res = DATASETS[ds] ? await fetch(`data/${encodeURIComponent(ds)}.csv`) : undefined;
    if (res?.ok) reference = parsePointsCsv(await res.text(), `data/${ds}.csv`);
  } catch {
    // no reference points for this dataset: draw the particles alone
  }
  extent = reference ? extentOf(reference) : undefined;
  status(`${label}: ${ds}, ${model.meta.sde.name} SDE, step ${model.meta.training.step}; backend ${backend}`);
  return true;
}

const runIfLoaded = (ok: boolean) => (ok ? run() : undefined);

function summary(points: Float32Array, weights: Float64Array | undefined, beta: number): string {
  const ds = DATASETS[model!.meta.dataset.name];
  if (ds?.modes) {
    const err = modeWeightError(modeWeights(points, ds.modes, weights), targetModeWeights(ds.modes, beta));
    return `mode-weight error ${err.toFixed(3)}`;
  }
  if (reference && beta === 1) return `MMD² ${mmd2({ points, weights }, { points: reference.slice(0, 2000) }).toExponential(2)}`;
  return '';
}

async function run(): Promise<void> {
  if (!model) return;
  const id = ++runId;
  notify();
  allowed = params.get('paused') ? 0 : Infinity;
  progress.left = progress.right = 0;
  let values;
  try {
    values = controlValues();
  } catch (e) {
    showError((e as Error).message);
    return;
  }
  const { steps, n, alpha, beta, seed } = values;
  const m = model;
  const ess: Record<string, number[]> = { left: [], right: [] };
  const colors = { left: '#1f5fa8', right: '#d2691e' };
  const tOff = defaultTOff([m.meta], m.sde);
  showError('');
  status(`running (${backend}): ${steps} steps, N = ${n}, seed ${seed}${tOff ? `, weights for t ≥ ${tOff}` : ''}`);
  const side = async (s: 'left' | 'right') => {
    const sampler = ($(s) as HTMLSelectElement).value;
    $(`title-${s}`).textContent = sampler;
    $(`result-${s}`).textContent = '';
    const draw = (info: StepInfo | { x: Float32Array; weights?: Float64Array }) => {
      const x = info.x instanceof Float32Array ? info.x : (info.x.dataSync() as Float32Array);
      const pts = unstandardize(x, m.meta.standardization);
      extent ??= extentOf(pts);
      drawParticles($(`canvas-${s}`), extent, pts, reference, info.weights);
      return pts;
    };
    const t0 = performance.now();
    const r = await sample({
      potential: m.potential,
      sde: m.sde,
      sampler,
      n,
      steps,
      seed,
      alpha,
      beta,
      tOff,
      keepWeights: true,
      onStep: async (info) => {
        draw(info);
        ess[s].push(info.ess / n);
        drawEss($('ess'), (['left', 'right'] as const).map((k) => ({ label: ($(k) as HTMLSelectElement).value, color: colors[k], values: ess[k] })), steps);
        progress[s] = info.step;
        await gate(s, id);
      },
    });
    const pts = draw({ x: r.points, weights: r.weights });
    const ms = (performance.now() - t0) / steps;
    $(`result-${s}`).textContent = `${summary(pts, r.weights, beta)} · ${ms.toFixed(0)} ms/step${r.resampleCount ? ` · ${r.resampleCount} resamplings` : ''}`;
  };
  try {
    await Promise.all([side('left'), side('right')]);
    if (id === runId) status(`done (${backend}): ${steps} steps, N = ${n}, seed ${seed}`);
  } catch (e) {
    if (!(e instanceof Cancelled)) {
      showError(`Sampling failed: ${(e as Error).message}`);
      status('stopped');
    }
  }
}

/** The page's number controls: the sampling knobs, with page-sized defaults where the CLI's would be slow to watch. */
const PAGE_KNOBS = ['steps', 'n', 'alpha', 'beta', 'seed'] as const;
const PAGE_DEFAULTS: Partial<Record<(typeof PAGE_KNOBS)[number], number>> = { steps: 40, n: 1500 };

/** Options built as elements (never innerHTML: names can come from a checkpoint). */
function fillSelect(sel: HTMLSelectElement, names: string[], selected?: string): void {
  sel.replaceChildren(
    ...names.map((name) => {
      const o = document.createElement('option');
      o.value = o.textContent = name;
      o.selected = name === selected;
      return o;
    }),
  );
}

function buildKnobControls(): void {
  const box = $('knobs');
  for (const field of PAGE_KNOBS) {
    const k = SAMPLE_KNOBS[field];
    const label = document.createElement('label');
    label.title = k.help;
    label.append(`${'symbol' in k ? k.symbol : field} `);
    const input = document.createElement('input');
    Object.assign(input, { id: field, type: 'number', step: k.kind === 'integer' ? '1' : 'any' });
    const lo = 'min' in k ? k.min : 'gt' in k ? k.gt : undefined;
    if (lo !== undefined) input.min = String(lo);
    if ('max' in k) input.max = String(k.max);
    input.value = params.get(field) ?? String(PAGE_DEFAULTS[field] ?? k.default);
    label.append(input);
    box.append(label);
  }
}

/** The controls' values, checked by the knob table; the problem is said in the page's words. */
function controlValues(): Record<(typeof PAGE_KNOBS)[number], number> {
  const out = {} as Record<(typeof PAGE_KNOBS)[number], number>;
  for (const field of PAGE_KNOBS) {
    const raw = ($(field) as HTMLInputElement).value;
    const v = raw.trim() === '' ? NaN : Number(raw);
    const problem = knobProblem(SAMPLE_KNOBS[field], v);
    if (problem) throw new Error(`${field} ${problem}`);
    out[field] = v;
  }
  return out;
}

async function main(): Promise<void> {
  for (const [id, def] of [['left', params.get('left') ?? 'em'], ['right', params.get('right') ?? 'wfr']] as const) {
    fillSelect($(id) as HTMLSelectElement, SAMPLER_NAMES, def);
  }
  buildKnobControls();
  backend = await pickBackend();

  const select = $('model') as HTMLSelectElement;
  let entries: Entry[] = [];
  try {
    entries = await (await fetch('models/index.json')).json();
  } catch {
    showError('Could not read models/index.json: no shipped checkpoints listed.');
  }
  fillSelect(select, entries.map((e) => String(e.name)));
  const wanted = params.get('model') ?? 'eight-gaussians-imbalanced';
  if (entries.some((e) => e.name === wanted)) select.value = wanted;
  else if (params.get('model')) {
    showError(`There is no shipped checkpoint named “${wanted}”. Shipped: ${entries.map((e) => e.name).join(', ')}.`);
    status('no checkpoint loaded');
    return;
  }
  const loadShipped = () => useModel(() => loadModelFromUrl(`models/${encodeURIComponent(select.value)}/model.json`), select.value);
  select.onchange = () => void loadShipped().then(runIfLoaded);
  ($('url') as HTMLInputElement).onchange = (ev) => {
    const url = (ev.target as HTMLInputElement).value.trim();
    if (url) void useModel(() => loadModelFromUrl(url), url).then(runIfLoaded);
  };
  ($('files') as HTMLInputElement).onchange = (ev) => {
    const files = Array.from((ev.target as HTMLInputElement).files ?? []);
    // A whole checkpoint folder is fine: files its manifest does not name are ignored.
    const label = files.find((f) => f.name === 'model.json')?.name ?? 'your files';
    if (files.length) void useModel(() => loadModelFromFiles(files), label).then(runIfLoaded);
  };
  $('run').onclick = () => void run();
  $('pause').onclick = () => {
    allowed = allowed === Infinity ? Math.max(progress.left, progress.right) : Infinity;
    $('pause').textContent = allowed === Infinity ? 'Pause' : 'Play';
    notify();
  };
  $('step').onclick = () => {
    allowed = Math.max(progress.left, progress.right) + 1;
    $('pause').textContent = 'Play';
    notify();
  };
  if (entries.length) {
    if ((await loadShipped()) && params.get('autoplay') !== '0') await run();
  } else status('no checkpoint loaded');
}

main().catch((e) => {
  showError(`The demo failed to start: ${(e as Error).message}`);
});
