// The page's training view: what to train on (a built-in law, points drawn on the canvas, or a
// CSV), the training knobs (from TRAIN_KNOBS, the CLI's defaults and recipe), a worker that runs
// the same trainer, a live loss curve and preview samples, pause / resume / stop, and the result
// as the checkpoint files `npm run sample` reads.

import { parseLabeledPointsCsv, parsePointsCsv } from '../src/data/csv.js';
import { MAX_CLASSES } from '../src/checkpointSchema.js';
import { builtinSource } from '../src/data/source.js';
import { DATASET_NAMES } from '../src/data/datasets.js';
import type { Piece } from '../src/config/settingsError.js';
import { TRAIN_KNOBS, type TrainKnobValues } from '../src/train/config.js';
import { backendText } from './backend.js';
import { buildControls, ControlError, fillSelect, readControls, type ControlSpec } from './controls.js';
import { COLORS, drawLineChart, drawParticles, extentOf, type Series } from './draw.js';
import { BRUSH_CLASSES, DRAW_EXTENT, DrawnData, NO_CLASS, PRESETS } from './drawData.js';
import { classColour } from './classes.js';
import { download } from './download.js';
import type { FromWorker, LossPoint, TrainData, TrainedCheckpoint } from './trainProtocol.js';

/** The training controls; the page's defaults are the CLI's (the default recipe). */
export const TRAIN_CONTROLS: ControlSpec[] = [
  { field: 'sde', label: 'SDE' },
  { field: 'steps', label: 'steps (DSM phase)', param: 'dsmSteps' },
  { field: 'timeScoreSteps', label: 'time-score steps' },
  { field: 'batch', label: 'batch' },
  { field: 'hidden', label: 'hidden widths' },
  { field: 'lr', label: 'learning rate' },
  { field: 'seed', label: 'training seed', param: 'trainSeed' },
  { field: 'conditional', label: 'conditional (classes)' },
  { field: 'timeScoreFrom', label: 'time-score from step' },
  { field: 'timeScoreWeight', label: 'time-score μ' },
  { field: 'timeScoreReference', label: 'time-score reference R' },
  { field: 'stopWhenGood', label: 'stop when good, every' },
];

/** Drawn data needs at least this many points to stand for a law. */
const MIN_POINTS = 50;

export interface Trained {
  checkpoint: TrainedCheckpoint;
  data: TrainData;
  /** Points to draw and score against: the drawn or uploaded ones (built-in laws have reference files). */
  reference?: Float32Array;
  label: string;
}

/** Labelled points from CSV text by the core's reader (classes numbered as `npm run train --conditional` numbers them); the flag in its errors said in the page's words. */
function labelledPoints(text: string, source: string): { points: Float32Array; labelled: { labels: Int32Array; names: string[] } } {
  try {
    const { points, labels, names } = parseLabeledPointsCsv(text, source, MAX_CLASSES);
    return { points, labelled: { labels, names } };
  } catch (e) {
    throw new ControlError((e as Error).message.replace('--conditional needs', 'conditional training needs'));
  }
}

export class TrainingView {
  private worker?: Worker;
  private losses: LossPoint[] = [];
  private total = 0;
  /** When the worker started training (the status line gives the seconds to the end). */
  private startedAt = 0;
  private dsmSteps = 0;
  private termFrom = 0;
  private paused = false;
  private reference?: Float32Array;
  private preview?: Float32Array;
  readonly drawn: DrawnData;
  /** On 'error', the error: an Error, or { message, pieces } for words.ts to word. */
  onState: (state: 'training' | 'trained' | 'error', error?: unknown) => void = () => {};
  onTrained: (t: Trained) => void = () => {};
  constructor(
    private readonly el: (id: string) => HTMLElement,
    private readonly params: URLSearchParams,
    /** Fetches a built-in dataset's reference points (for the faint background). */
    private readonly referenceOf: (name: string) => Promise<Float32Array | undefined>,
  ) {
    const source = el('train-data') as HTMLSelectElement;
    fillSelect(source, [...DATASET_NAMES, { value: 'draw', text: 'draw your own' }, { value: 'csv', text: 'a CSV file…' }], params.get('train') ?? 'eight-gaussians-imbalanced');
    fillSelect(el('preset') as HTMLSelectElement, [{ value: '', text: 'presets…' }, ...Object.keys(PRESETS)]);
    buildControls(el('train-knobs'), TRAIN_KNOBS, TRAIN_CONTROLS, this.stepParams(params), 'train-');
    this.drawn = new DrawnData(el('data-canvas') as HTMLCanvasElement);
    this.drawn.enabled = () => source.value === 'draw' && !this.worker;
    this.drawn.onChange = () => (el('drawn-count').textContent = this.drawn.countText());
    const brush = el('brush-class') as HTMLSelectElement;
    fillSelect(brush, [{ value: String(NO_CLASS), text: 'brush: no class' }, ...Array.from({ length: BRUSH_CLASSES }, (_, k) => ({ value: String(k), text: `brush: class ${k} ●`, color: classColour(k) }))]);
    brush.onchange = () => (this.drawn.brushClass = Number(brush.value));
    el('drawn-csv').onclick = () => download('drawn.csv', this.drawn.csv(), 'text/csv');
    source.onchange = () => void this.showSource();
    (el('preset') as HTMLSelectElement).onchange = (ev) => {
      const name = (ev.target as HTMLSelectElement).value;
      if (name) this.drawn.preset(name);
      (ev.target as HTMLSelectElement).value = '';
    };
    el('clear').onclick = () => this.drawn.clear();
    el('train').onclick = () => void this.start();
    el('train-pause').onclick = () => this.worker?.postMessage({ type: this.paused ? 'resume' : 'pause' });
    el('train-stop').onclick = () => this.worker?.postMessage({ type: 'stop' });
    this.buttons();
    void this.showSource();
    drawLineChart(el('loss') as HTMLCanvasElement, { series: [], xRange: [0, 1000], yRange: [0.1, 1], xTitle: 'step', yTitle: 'loss (appears while training)', logY: true });
  }

  /** `?trainSteps=K`: K steps in all, split between the two phases as the default recipe splits them. */
  private stepParams(params: URLSearchParams): URLSearchParams {
    const p = new URLSearchParams(params);
    const k = Number(params.get('trainSteps'));
    if (params.has('trainSteps') && Number.isInteger(k) && k > 0 && !params.has('dsmSteps')) {
      const [dsm, ts] = [TRAIN_KNOBS.steps.default, TRAIN_KNOBS.timeScoreSteps.default];
      const ours = params.has('timeScoreSteps') ? Math.max(1, k - Number(params.get('timeScoreSteps'))) : Math.max(1, Math.round((k * dsm) / (dsm + ts)));
      p.set('dsmSteps', String(ours));
      if (!params.has('timeScoreSteps')) p.set('timeScoreSteps', String(k - ours));
    }
    return p;
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  private async showSource(): Promise<void> {
    const v = (this.el('train-data') as HTMLSelectElement).value;
    this.el('draw-tools').hidden = v !== 'draw';
    this.el('csv-label').hidden = v !== 'csv';
    this.preview = undefined;
    this.reference = v === 'draw' || v === 'csv' ? undefined : await this.referenceOf(v);
    if (v === 'draw') this.drawn.draw();
    else this.drawData();
  }

  private drawData(): void {
    const canvas = this.el('data-canvas') as HTMLCanvasElement;
    const extent = this.reference ? extentOf(this.reference) : this.preview ? extentOf(this.preview) : DRAW_EXTENT;
    drawParticles(canvas, extent, { reference: this.reference, points: this.preview, color: COLORS.left });
  }

  /** The data to train on; `conditional`: with each point's class (drawn labels, a CSV's label column), read as `npm run train --conditional` reads a CSV. */
  private async data(conditional: boolean): Promise<TrainData> {
    const v = (this.el('train-data') as HTMLSelectElement).value;
    if (v === 'draw') {
      if (this.drawn.count < MIN_POINTS) throw new ControlError(`Draw at least ${MIN_POINTS} points on the canvas first (or pick a preset); there are ${this.drawn.count}.`);
      if (!conditional) return { kind: 'points', name: 'drawn', points: this.drawn.points() };
      if (!this.drawn.labelled) throw new ControlError(`Conditional training needs a class on every drawn point (${this.drawn.countText()}): pick a class for the brush, or the preset with classes.`);
      return { kind: 'points', name: 'drawn', ...labelledPoints(this.drawn.csv(), 'the drawn points') };
    }
    if (v === 'csv') {
      const file = (this.el('train-csv') as HTMLInputElement).files?.[0];
      if (!file) throw new ControlError(`Choose a CSV file of your points first (a header row${conditional ? ' x,y,label, then two numbers and a label' : ', then two numbers'} per line).`);
      const text = await file.text();
      let points: Float32Array;
      try {
        if (conditional) return { kind: 'points', name: file.name.replace(/\.csv$/i, ''), file: file.name, ...labelledPoints(text, file.name) };
        points = parsePointsCsv(text, file.name);
      } catch (e) {
        throw new ControlError(`The CSV file ${(e as Error).message}`);
      }
      return { kind: 'points', name: file.name.replace(/\.csv$/i, ''), file: file.name, points };
    }
    // The core's rule: a built-in law has classes when it is a Gaussian mixture (class k = component k).
    if (conditional && !builtinSource(v).classes) throw new ControlError(`Conditional training needs classes: ${v} has none (a built-in Gaussian mixture's classes are its components); draw points with classes or choose a CSV with a label column.`);
    return { kind: 'builtin', name: v };
  }

  async start(): Promise<void> {
    if (this.worker) return;
    let data: TrainData;
    let values: Partial<TrainKnobValues>;
    try {
      values = readControls(TRAIN_KNOBS, TRAIN_CONTROLS, 'train-') as Partial<TrainKnobValues>;
      data = await this.data(!!values.conditional);
    } catch (e) {
      this.onState('error', e);
      return;
    }
    if (data.kind === 'points') this.reference = data.points.slice();
    this.losses = [];
    this.preview = undefined;
    this.paused = false;
    const total = values.steps! + values.timeScoreSteps!;
    const previewEvery = Math.min(500, Math.max(50, Math.round(total / 10 / 50) * 50));
    this.worker = new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data, data);
    this.worker.onerror = (ev) => this.fail(ev.message || 'the training worker failed to start');
    this.worker.postMessage({ type: 'start', values, data, backend: this.params.get('trainBackend') ?? this.params.get('backend'), threads: Number(this.params.get('threads')) || undefined, previewEvery });
    this.status('starting the training worker…');
    this.buttons();
    this.onState('training');
  }

  private receive(m: FromWorker, data: TrainData): void {
    switch (m.type) {
      case 'backend':
        this.el('train-backend').textContent = `training backend: ${backendText(m.backend)}`;
        break;
      case 'started':
        [this.total, this.dsmSteps, this.termFrom] = [m.total, m.dsmSteps, m.termFrom];
        this.startedAt = performance.now();
        break;
      case 'progress': {
        this.losses.push(...m.losses);
        const last = this.losses[this.losses.length - 1];
        const left = ((this.total - last.step) * m.msPerStep) / 1000;
        this.status(`step ${last.step} of ${this.total}${last.step > this.dsmSteps ? ' (time-score phase)' : last.step > this.termFrom ? ' (with the time-score term)' : ''} · loss ${last.loss.toFixed(4)} · ${m.msPerStep.toFixed(1)} ms/step · about ${left.toFixed(0)} s left${this.paused ? ' · paused' : ''}`);
        this.drawLoss();
        break;
      }
      case 'preview':
        this.preview = m.points;
        this.drawData();
        break;
      case 'paused':
        this.paused = m.paused;
        this.buttons();
        break;
      case 'finishing':
        this.status(`step ${m.step}: measuring the model's mode masses and writing the checkpoint…`);
        break;
      case 'done': {
        this.worker?.terminate();
        this.worker = undefined;
        this.buttons();
        const dsm = this.losses.map((l) => l.dsm);
        const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
        const w = Math.max(1, Math.min(20, Math.floor(dsm.length / 4)));
        this.status(
          `${m.stoppedWhenGood ? `good enough for the weights (${m.stoppedWhenGood.reason})` : m.stopped ? 'stopped' : 'done'} at step ${m.step} after ${((performance.now() - this.startedAt) / 1000).toFixed(1)} s · DSM loss ${mean(dsm.slice(0, w)).toFixed(4)} → ${mean(dsm.slice(-w)).toFixed(4)} (mean of the first and last ${w} steps) · ` +
            `${m.msPerStep.toFixed(1)} ms/step (median) · ${m.tensorsLeft} tensors left`,
        );
        const label = `trained here: ${data.name}, step ${m.step}`;
        this.onTrained({ checkpoint: m.checkpoint, data, reference: data.kind === 'points' ? data.points : undefined, label });
        break;
      }
      case 'error':
        this.fail(m.message, m.pieces);
        break;
    }
  }

  private fail(message: string, pieces?: Piece[]): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.buttons();
    this.status('training stopped');
    this.onState('error', { message: `Training failed: ${message}`, pieces: pieces && ['Training failed: ', ...pieces] });
  }

  private status(s: string): void {
    this.el('train-status').textContent = s;
  }

  private buttons(): void {
    (this.el('train') as HTMLButtonElement).disabled = this.running;
    (this.el('train-pause') as HTMLButtonElement).disabled = !this.running;
    (this.el('train-stop') as HTMLButtonElement).disabled = !this.running;
    this.el('train-pause').textContent = this.paused ? 'Resume' : 'Pause';
  }

  /** Raw loss faint, a smoothed curve over it, log axis fitted to the smoothed curve. */
  private drawLoss(): void {
    const pts = this.losses.filter((l) => Number.isFinite(l.loss) && l.loss > 0);
    if (pts.length < 2) return;
    const every = Math.ceil(pts.length / 600);
    const raw: [number, number][] = pts.filter((_, i) => i % every === 0).map((l) => [l.step, l.loss]);
    let ema = pts[0].loss;
    const smooth: [number, number][] = [];
    pts.forEach((l, i) => {
      ema = i === 0 ? l.loss : 0.95 * ema + 0.05 * l.loss;
      if (i % every === 0 || i === pts.length - 1) smooth.push([l.step, ema]);
    });
    const ys = smooth.map(([, y]) => y).concat(raw.map(([, y]) => y).sort((a, b) => a - b).slice(Math.floor(raw.length * 0.02), Math.ceil(raw.length * 0.98)));
    const series: Series[] = [
      { label: '', color: COLORS.left, points: raw, width: 1, alpha: 0.25 },
      { label: 'training loss (smoothed)', color: COLORS.left, points: smooth, width: 2 },
    ];
    drawLineChart(this.el('loss') as HTMLCanvasElement, { series, xRange: [0, this.total], yRange: [Math.min(...ys), Math.max(...ys)], xTitle: 'step', yTitle: 'loss', logY: true, marks: this.termFrom < this.total ? [{ x: this.termFrom, label: 'time-score term →' }] : [] });
  }
}
