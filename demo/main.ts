// The browser demo: train a model in the page (a worker runs the project's trainer) or load a
// checkpoint (shipped, your files, a URL, or the one trained here and kept in IndexedDB), then
// run two samplers side by side on it — or on a product of two — and see where the weights move
// mass. The page's state is in document.body.dataset.state (loading, ready, training, trained,
// sampling, sampled, error): the browser test and other checks rely on it.

import * as tf from '@tensorflow/tfjs';
import { loadModelFromFiles, loadModelFromUrl, type LoadedModel } from '../src/checkpoint.js';
import { EXACT_NAMES, exactModel } from '../src/model/exactModel.js';
import { parsePointsCsv } from '../src/data/csv.js';
import { DATASETS } from '../src/data/datasets.js';
import type { ModelMeta } from '../src/checkpoint.js';
import { defaultTOff } from '../src/sampling/cutoff.js';
import { checkProduct } from '../src/sampling/product.js';
import { SAMPLER_NAMES } from '../src/sampling/samplers.js';
import { pageParamProblems } from './pageParams.js';
import { SAMPLE_KNOBS } from '../src/sampling/settings.js';
import { TRAIN_KNOBS } from '../src/train/config.js';
import { backendText, chooseBackend } from './backend.js';
import { buildControls, fillSelect, readControls, type ControlSpec } from './controls.js';
import { DEMO_STEPS, GUIDANCE_EXAMPLE, PRODUCT_EXAMPLE } from './defaults.js';
import { SamplingView, SIDES, type RunSettings, type Side } from './sampling.js';
import { describeTarget } from './target.js';
import { ClassControls, GUIDANCE_WORDS } from './classControls.js';
import type { Guidance } from '../src/sampling/guidance.js';
import { LANDSCAPES, LANDSCAPE_WORDS, type Landscape } from './landscape.js';
import { loadTrained, saveTrained, type StoredModel } from './store.js';
import { copy, incompatibility, writeShare } from './share.js';
import { keyOfUrlName } from './urlState.js';
import { verdictOf } from './verdict.js';
import { download } from './download.js';
import { TRAIN_CONTROLS, TrainingView, type Trained } from './training.js';
import { inPageWords, labelsByFlag } from './words.js';

type State = 'loading' | 'ready' | 'training' | 'trained' | 'sampling' | 'sampled' | 'error';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const setState = (s: State) => (document.body.dataset.state = s);
const status = (s: string) => ($('status').textContent = s);
const showError = (s: string) => ($('error').textContent = s);
function fail(message: string): void {
  showError(message);
  setState('error');
}

/** The sampling controls: knobs of SAMPLE_KNOBS, page-sized defaults (DEMO_STEPS is measured: defaults.ts). */
const SAMPLE_CONTROLS: ControlSpec[] = [
  { field: 'steps', label: 'steps', pageDefault: DEMO_STEPS, pageBound: 'steps' },
  { field: 'n', label: 'N (particles)', pageDefault: 1500, pageBound: 'n' },
  { field: 'alpha', label: 'α (reaction rate)' },
  { field: 'beta', label: 'β (inverse temperature)', pageBound: 'beta' },
  { field: 'seed', label: 'seed' },
];
const sampleWords = labelsByFlag([{ knobs: SAMPLE_KNOBS, labels: Object.fromEntries(SAMPLE_CONTROLS.map((c) => [c.field, c.label])) }]);
const trainWords = labelsByFlag([{ knobs: TRAIN_KNOBS, labels: Object.fromEntries(TRAIN_CONTROLS.map((c) => [c.field, c.label])) }]);

interface Entry {
  name: string;
  /** What a partner must share (the build's index lists them, so incompatible partners are refused before loading). */
  sde?: ModelMeta['sde'];
  standardization?: ModelMeta['standardization'];
}

// ---- checkpoints: every source ends as an option of #model with a loader -------------------
const loaders = new Map<string, { label: string; load: () => Promise<LoadedModel>; reference?: Float32Array; meta?: Pick<ModelMeta, 'sde' | 'standardization'> }>();
let model: LoadedModel | undefined;
let modelKey = '';
let partner: LoadedModel | undefined;
let reference: Float32Array | undefined;
const view = new SamplingView($);
let classControls: ClassControls;
// What the panels show now (step, t, extent, βU on the heat map's grid): the browser test compares it with the model.
(window as unknown as { wfrDemo: unknown }).wfrDemo = { shown: () => view.shown };

function addSource(key: string, label: string, load: () => Promise<LoadedModel>, ref?: Float32Array, meta?: Pick<ModelMeta, 'sde' | 'standardization'>): void {
  loaders.set(key, { label, load, reference: ref, meta });
  listSources(key);
}

function removeSource(key: string): void {
  loaders.delete(key);
  listSources(modelKey);
}

function listSources(key: string): void {
  const options = [...loaders].map(([value, l]) => ({ value, text: l.label }));
  fillSelect($('model'), options, modelKey || key);
  listPartners();
}

/** Partners the current checkpoint can multiply with; the others greyed out with the reason (when their metadata is known before loading). */
function listPartners(): void {
  const current = ($('partner') as HTMLSelectElement).value;
  const options = [...loaders].map(([value, l]) => {
    const why = model && l.meta ? incompatibility(model.meta, l.meta, loaders.get(modelKey)?.label ?? 'this checkpoint', l.label) : undefined;
    const short = why && (/different SDEs/.test(why) ? 'another SDE' : /different frames/.test(why) ? 'another frame' : why);
    return { value, text: why ? `${l.label} — not compatible: ${short}` : l.label, disabled: !!why, title: why };
  });
  fillSelect($('partner'), [{ value: '', text: 'none' }, ...options], options.some((o) => o.value === current && !o.disabled) ? current : '');
}

async function referenceOf(name: string): Promise<Float32Array | undefined> {
  if (!DATASETS[name]) return undefined; // only a built-in dataset's file: the name comes from a checkpoint
  try {
    const res = await fetch(`data/${encodeURIComponent(name)}.csv`);
    return res.ok ? parsePointsCsv(await res.text(), `data/${name}.csv`) : undefined;
  } catch {
    return undefined;
  }
}

/** Loads the checkpoint of option `key`; on failure says why, keeps the previous one, returns false. */
async function useModel(key: string): Promise<boolean> {
  const src = loaders.get(key)!;
  view.cancel();
  showError('');
  status(`loading ${src.label}…`);
  try {
    const m = await src.load();
    model?.weights.forEach((w) => w.dispose());
    model = m;
    modelKey = key;
  } catch (e) {
    fail(`Could not load checkpoint ${src.label}: ${(e as Error).message}`);
    status(model ? 'kept the previous checkpoint' : 'no checkpoint loaded');
    if (!key.startsWith('shipped:') && key !== 'trained') removeSource(key); // a URL or files that failed are not offered again
    ($('model') as HTMLSelectElement).value = modelKey;
    return false;
  }
  ($('model') as HTMLSelectElement).value = key;
  src.meta ??= model.meta;
  listPartners();
  reference = src.reference ?? (await referenceOf(model.meta.dataset.name));
  await usePartner();
  const m = model.meta;
  status(m.cutoff?.rule === 'exact' ? `${src.label} (${m.sde.name} SDE; weights at every step)` : `${src.label}: ${m.dataset.name}, ${m.sde.name} SDE, step ${m.training.step}`);
  setState('ready');
  return true;
}

/** The second checkpoint of a product of experts, when chosen and compatible with the first. */
/** Whether the product could be formed (or no partner is chosen); on failure the error stays shown. */
async function usePartner(): Promise<boolean> {
  const sel = $('partner') as HTMLSelectElement;
  partner?.weights.forEach((w) => w.dispose());
  partner = undefined;
  if (sel.value && model) {
    const src = loaders.get(sel.value)!;
    try {
      const p = await src.load();
      try {
        checkProduct([model, p], [loaders.get(modelKey)!.label, src.label]);
      } catch (e) {
        p.weights.forEach((w) => w.dispose());
        throw e;
      }
      partner = p;
      src.meta ??= p.meta;
    } catch (e) {
      sel.value = '';
      // The core's advice after ';' is about retraining with the CLI's flags; the page states the problem.
      fail(`No product: ${(e as Error).message.split(';')[0]}.`);
      showTarget();
      return false;
    }
  }
  showTarget();
  writeUrl();
  return true;
}

/** The sentence that states what the panels are compared against (it changes with β, the partner, the class and w). */
function showTarget(): void {
  listClasses();
  let g: Guidance | undefined;
  try {
    g = guidanceOf();
  } catch (e) {
    showError(inPageWords(e, GUIDANCE_WORDS));
  }
  $('target').textContent = model ? describeTarget(partner ? [model, partner] : [model], Number(($('beta') as HTMLInputElement).value) || 1, g).text : '';
  showVerdict();
}

/** Whether the weights can help these checkpoints, from their stored mass measurements. */
function showVerdict(): void {
  const models = model ? (partner ? [model, partner] : [model]) : [];
  const tOff = models.length ? defaultTOff(models.map((m) => m.meta), models[0].sde) : 0;
  const labels = [loaders.get(modelKey)?.label ?? 'checkpoint', loaders.get(($('partner') as HTMLSelectElement).value)?.label ?? 'partner'];
  const v = models.map((m, i) => verdictOf(m.meta, tOff, labels[i]));
  $('verdict').textContent = v.map((x) => x.text).join(' ');
  $('verdict').dataset.verdict = v.map((x) => x.verdict).join(',');
}

// ---- class and guidance (classControls.ts) ------------------------------------------------------
const modelLabel = () => loaders.get(modelKey)?.label ?? 'this checkpoint';
const listClasses = () => classControls.list(model, !!partner);
/** The chosen class at the typed weight (checked as --guidance is), or undefined for none. */
const guidanceOf = () => classControls.guidance(model, modelLabel());

// ---- the settings as a link and as command lines ------------------------------------------------
const value = (id: string) => ($(id) as HTMLInputElement | HTMLSelectElement).value;

/** The URL follows the settings, and the CLI box with it (share.ts). */
const writeUrl = () => writeShare(modelKey, SAMPLE_CONTROLS, params);

// ---- sampling --------------------------------------------------------------------------------
const look = () => ({ landscape: value('landscape') as Landscape, trails: ($('trails') as HTMLInputElement).checked });

async function runSampling(): Promise<void> {
  if (!model) return;
  let s: RunSettings;
  let guidance: Guidance | undefined;
  try {
    const v = readControls(SAMPLE_KNOBS, SAMPLE_CONTROLS) as Omit<RunSettings, 'samplers'>;
    s = { ...v, samplers: { left: value('left'), right: value('right') }, ...look() };
    guidance = guidanceOf();
  } catch (e) {
    fail(inPageWords(e, { ...sampleWords, ...GUIDANCE_WORDS }));
    return;
  }
  const models = partner ? [model, partner] : [model];
  $('target').textContent = describeTarget(models, s.beta, guidance).text;
  showError('');
  setState('sampling');
  status(`sampling: ${s.steps} steps, N = ${s.n}, seed ${s.seed}`);
  $('pause').textContent = params.get('paused') ? 'Play' : 'Pause';
  try {
    const finished = await view.run({ models, reference: partner && partner.meta.dataset.name !== model.meta.dataset.name ? undefined : reference, beta: s.beta, guidance }, s, !!params.get('paused'));
    if (!finished) return;
    status(`done: ${s.steps} steps, N = ${s.n}, seed ${s.seed} · sampling backend ${backendName}`);
    // Tensors the page holds after a run (the models' weights only): the browser test checks it stays flat.
    document.body.dataset.tensors = String(tf.memory().numTensors);
    setState('sampled');
  } catch (e) {
    fail(`Sampling failed: ${inPageWords(e, sampleWords)}`);
    status('stopped');
  }
}

// ---- the model trained here --------------------------------------------------------------------
const filesOf = (c: StoredModel['checkpoint']) => [new File([c.modelJson], 'model.json'), new File([c.weights], c.weightsName)];

function offerTrained(stored: StoredModel): void {
  // Through the same checks as any picked checkpoint folder: IndexedDB is the page's, but untrusted all the same.
  addSource('trained', stored.label, () => loadModelFromFiles(filesOf(stored.checkpoint)), stored.reference);
  const links = [
    [$('download-model') as HTMLAnchorElement, 'model.json', stored.checkpoint.modelJson, 'application/json'],
    [$('download-weights') as HTMLAnchorElement, stored.checkpoint.weightsName, stored.checkpoint.weights, 'application/octet-stream'],
  ] as const;
  for (const [a, name, data, type] of links) {
    if (a.href.startsWith('blob:')) URL.revokeObjectURL(a.href);
    a.href = URL.createObjectURL(new Blob([data], { type }));
    a.download = a.textContent = name;
  }
  $('download').hidden = false;
}

async function onTrained(t: Trained): Promise<void> {
  const stored: StoredModel = { checkpoint: t.checkpoint, label: t.label, reference: t.reference };
  offerTrained(stored);
  saveTrained(stored).catch(() => status('(could not keep the model in IndexedDB: it is lost on reload; download it)'));
  if (!(await useModel('trained'))) return;
  setState('trained');
  if (params.get('autoplay') === '1' || !params.has('train')) await runSampling();
}

// ---- wiring ------------------------------------------------------------------------------------
const loadAndRun = (key: string) =>
  void useModel(key).then(async (ok) => {
    if (ok) await runSampling();
  });
let backendName = '';

function wire(training: TrainingView): void {
  ($('model') as HTMLSelectElement).onchange = () => loadAndRun(($('model') as HTMLSelectElement).value);
  ($('partner') as HTMLSelectElement).onchange = () => void usePartner();
  for (const id of ['beta', 'class', 'guidance']) $(id).addEventListener('change', showTarget);
  // Any control's change rewrites the link and the command lines.
  document.addEventListener('change', () => writeUrl());
  for (const id of ['landscape', 'trails']) $(id).addEventListener('change', () => view.restyle(look()));
  $('copy-link').onclick = () => void copy(location.href, $('copy-link'));
  $('copy-cli').onclick = () => void copy(value('cli'), $('copy-cli'));
  ($('url') as HTMLInputElement).onchange = (ev) => {
    const url = (ev.target as HTMLInputElement).value.trim();
    if (!url) return;
    addSource(`url:${url}`, url, () => loadModelFromUrl(url));
    loadAndRun(`url:${url}`);
  };
  ($('files') as HTMLInputElement).onchange = (ev) => {
    const files = Array.from((ev.target as HTMLInputElement).files ?? []);
    if (!files.length) return;
    // A whole checkpoint folder is fine: files its manifest does not name are ignored.
    const first = files.find((f) => f.name === 'model.json') ?? files[0];
    const label = `your files: ${first.webkitRelativePath || first.name}`;
    const key = `files:${label}:${Date.now()}`;
    addSource(key, label, () => loadModelFromFiles(files));
    loadAndRun(key);
  };
  $('run').onclick = () => void runSampling();
  $('pause').onclick = () => {
    view.togglePause();
    $('pause').textContent = view.paused ? 'Play' : 'Pause';
  };
  $('step').onclick = () => {
    view.stepOnce();
    $('pause').textContent = 'Play';
  };
  ($('scrub') as HTMLInputElement).oninput = (ev) => view.show(Number((ev.target as HTMLInputElement).value));
  for (const side of SIDES) {
    $(`csv-${side}`).onclick = () => {
      const text = view.csv(side as Side, Number(($('scrub') as HTMLInputElement).value));
      if (text) download(`${($(side) as HTMLSelectElement).value}-samples.csv`, text, 'text/csv');
    };
    $(`gif-${side}`).onclick = () =>
      view.gif(side as Side).then(
        (bytes) => download(`${($(side) as HTMLSelectElement).value}-run.gif`, bytes, 'image/gif'),
        (e) => fail(`No GIF: ${e instanceof Error ? e.message : e}`),
      );
  }
  $('download-all').onclick = () => {
    ($('download-model') as HTMLAnchorElement).click();
    ($('download-weights') as HTMLAnchorElement).click();
  };
  training.onTrained = (t) => void onTrained(t);
  training.onState = (s, message) => {
    if (s === 'error') fail(inPageWords(message, trainWords));
    else {
      showError('');
      setState(s);
    }
  };
}

async function main(): Promise<void> {
  setState('loading');
  const problems = pageParamProblems(params);
  if (problems.length) return fail(problems.join(' '));
  fillSelect($('left'), SAMPLER_NAMES, params.get('left') ?? 'em');
  fillSelect($('right'), SAMPLER_NAMES, params.get('right') ?? 'wfr');
  const landscape = params.get('landscape') ?? 'density';
  fillSelect($('landscape'), LANDSCAPES.map((l) => ({ value: l, text: LANDSCAPE_WORDS[l] })), (LANDSCAPES as readonly string[]).includes(landscape) ? landscape : 'density');
  ($('trails') as HTMLInputElement).checked = params.get('trails') !== '0';
  setExamples();
  buildControls($('knobs'), SAMPLE_KNOBS, SAMPLE_CONTROLS, params);
  classControls = new ClassControls($, params);
  const training = new TrainingView($, params, referenceOf);
  wire(training);

  const b = await chooseBackend(params.get('backend'), Number(params.get('threads')) || undefined);
  backendName = backendText(b);
  const timing = Object.entries(b.timings).map(([k, v]) => `${k} ${v.toFixed(2)} ms`).join(', ');
  $('backend').textContent = `page backend: ${backendName} (chosen by a short timing: ${timing || 'forced'}) · cross-origin isolated: ${self.crossOriginIsolated ? 'yes' : 'no'}${b.threadsSupported === undefined ? '' : ` · wasm threads offered: ${b.threadsSupported ? 'yes' : 'no'}`}`;

  let entries: Entry[] = [];
  try {
    entries = await (await fetch('models/index.json')).json();
  } catch {
    showError('Could not read models/index.json: no shipped checkpoints listed.');
  }
  for (const e of entries) {
    const name = String(e.name);
    const meta = e.sde && e.standardization ? { sde: e.sde, standardization: e.standardization } : undefined;
    addSource(`shipped:${name}`, name, () => loadModelFromUrl(`models/${name.split('/').map(encodeURIComponent).join('/')}/model.json`), undefined, meta);
  }
  // No training needed: the exact noised potential of each built-in mixture (VP, fitted frame).
  for (const name of EXACT_NAMES) addSource(`exact:${name}`, `exact potential: ${name}`, async () => exactModel(name), undefined, exactModel(name).meta);
  const stored = await loadTrained();
  if (stored) offerTrained(stored);

  if (params.has('train')) {
    const name = params.get('train')!;
    if (!DATASETS[name]) return fail(`There is no built-in dataset named “${name}”. Built-in: ${Object.keys(DATASETS).join(', ')}.`);
    setState('ready');
    await training.start();
    return;
  }
  const wanted = params.get('model') ?? 'eight-gaussians-imbalanced';
  const key = keyOfUrlName(wanted, (k) => loaders.has(k));
  if (!key) {
    status('no checkpoint loaded');
    if (params.has('model')) fail(`There is no shipped checkpoint named “${wanted}”. Shipped: ${entries.map((e) => e.name).join(', ')}.`);
    else setState('ready');
    return;
  }
  if (!(await useModel(key))) return;
  if (params.has('product')) {
    // ?product=NAME: a partner for a product of experts (compose/blobs-x with compose/blobs-y; exact:NAME; trained).
    const other = keyOfUrlName(params.get('product')!, (k) => loaders.has(k));
    if (!other) return fail(`There is no shipped checkpoint named “${params.get('product')}” to multiply with.`);
    ($('partner') as HTMLSelectElement).value = other;
    // A refused product keeps its error on screen: no autoplay of the model alone.
    if (!(await usePartner())) return;
  }
  if (params.has('class')) {
    try {
      classControls.choose(params.get('class')!, model, !!partner, modelLabel());
    } catch (e) {
      return fail((e as Error).message);
    }
    showTarget();
  }
  writeUrl();
  if (params.get('autoplay') !== '0') await runSampling();
}

/** The example links: settings measured to show the point (docs/demo.md). */
function setExamples(): void {
  const keep = ['backend', 'threads'].filter((k) => params.has(k)).map((k) => `&${k}=${params.get(k)}`).join('');
  ($('example-product') as HTMLAnchorElement).href = `?${PRODUCT_EXAMPLE}${keep}`;
  ($('example-anneal') as HTMLAnchorElement).href = `?model=eight-gaussians-imbalanced&beta=2&steps=20${keep}`;
  ($('example-guidance') as HTMLAnchorElement).href = `?${GUIDANCE_EXAMPLE}${keep}`;
}

main().catch((e) => fail(`The demo failed to start: ${(e as Error).message}`));
