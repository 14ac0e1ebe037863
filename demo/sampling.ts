// The page's sampling view: two samplers on one target with one seed, side by side, one animation
// frame per step (so the page keeps responding), every step kept so a scrubber can replay it. Per
// step: particles, a readout of step and t, the per-mode bars (target mass against each sampler)
// and ESS/N of the weighted samplers; at the end each panel's metric and ms/step.

import type { LoadedModel } from '../src/checkpoint.js';
import { formatSamplesCsv } from '../src/data/csv.js';
import { DATASETS, type Dataset, type ModeSpec } from '../src/data/datasets.js';
import { unstandardize } from '../src/data/standardize.js';
import { mmd2 } from '../src/metrics/distances.js';
import { modeWeightError, modeWeights } from '../src/metrics/modes.js';
import { SumPotential } from '../src/model/potential.js';
import { defaultTOff } from '../src/sampling/cutoff.js';
import { guideModel, type Guidance } from '../src/sampling/guidance.js';
import { sample } from '../src/sampling/sample.js';
import { Rng } from '../src/rng.js';
import type { Potential } from '../src/model/potential.js';
import { COLORS, drawLineChart, drawModeBars, extentOf, type Extent } from './draw.js';
import { drawPanel, drawWeightLegend } from './drawPanel.js';
import { recordGif } from './gif.js';
import { ancestorsPerMode, frameOf, trails, type Frame } from './frames.js';
import { describeTarget } from './target.js';
import { exactGuidedPath, exactPath, gridPotential, modeCentres, reactionLogRatio, type ExactPath, type Landscape } from './landscape.js';

export type Side = 'left' | 'right';
export const SIDES: Side[] = ['left', 'right'];


/** What the two panels sample from: one model, or a product of two, and the target said in words. */
export interface Target {
  models: LoadedModel[];
  /** Reference points drawn faintly (the data the model learned, when known). */
  reference?: Float32Array;
  beta: number;
  /** A guided class of the (single, class-conditional) model: the target is its tilted law. */
  guidance?: Guidance;
}

export interface RunSettings {
  samplers: Record<Side, string>;
  /** What the heat map under the particles shows, and whether trails are drawn. */
  landscape: Landscape;
  trails: boolean;
  steps: number;
  n: number;
  seed: number;
  alpha: number;
  beta: number;
}

/** Frames beyond this many floats are not all kept (the scrubber then replays what was kept). */
const MAX_KEPT_FLOATS = 8_000_000;

class Cancelled extends Error {}

interface Current {
  target: Target;
  settings: RunSettings;
  potential: Potential;
  dataset?: Dataset;
  modes?: ModeSpec;
  /** The target's exact mode masses (t = 0). */
  masses?: number[];
  /** The exact intermediate law, for the bars at time t. */
  path?: ExactPath;
  centres?: [number, number][];
}

export class SamplingView {
  private frames: Record<Side, Frame[]> = { left: [], right: [] };
  private progress: Record<Side, number> = { left: 0, right: 0 };
  private allowed = Infinity;
  private runId = 0;
  private wake: (() => void)[] = [];
  private extent?: Extent;
  private current?: Current;
  /** βU on the heat map's grid and the bars' masses at time t, per t (both panels share the time grid). */
  private heatCache = new Map<number, Float32Array>();
  private massCache = new Map<number, number[]>();
  /** What is shown now (the browser test reads it). */
  shown?: { step: number; t: number; extent: Extent; betaU?: Float32Array; against?: number[] };
  msPerStep: Record<Side, number> = { left: NaN, right: NaN };

  constructor(private readonly el: (id: string) => HTMLElement) {}

  get paused(): boolean {
    return this.allowed !== Infinity;
  }

  togglePause(): void {
    this.allowed = this.paused ? Infinity : Math.max(this.progress.left, this.progress.right);
    this.notify();
  }

  stepOnce(): void {
    this.allowed = Math.max(this.progress.left, this.progress.right) + 1;
    this.notify();
  }

  cancel(): void {
    this.runId++;
    this.notify();
  }

  /** Changes what is drawn (landscape, trails) without a new run. */
  restyle(o: Pick<RunSettings, 'landscape' | 'trails'>): void {
    if (!this.current) return;
    Object.assign(this.current.settings, o);
    this.show(Number((this.el('scrub') as HTMLInputElement).value) || Math.min(this.progress.left, this.progress.right));
  }

  /** Runs both samplers to the end (resolves false when a newer run cancelled this one). */
  async run(target: Target, s: RunSettings, startPaused = false): Promise<boolean> {
    const id = ++this.runId;
    this.notify();
    this.allowed = startPaused ? 0 : Infinity;
    this.progress = { left: 0, right: 0 };
    this.frames = { left: [], right: [] };
    this.heatCache.clear();
    this.massCache.clear();
    const { dataset, modes, masses } = describeTarget(target.models, s.beta, target.guidance);
    const [model, g] = [target.models[0], target.guidance];
    // A guided class is the product (w, 1 − w) of the model's class and null-class potentials (as --class and --guidance sample it).
    const potential = g ? guideModel(model, g).potential : target.models.length === 1 ? model.potential : new SumPotential(target.models.map((m) => m.potential));
    // The axes come from the data or the exact law, never from a run's own cloud: every run of one target is drawn on the same
    // axes, and a guided class on the whole law's (its modes are the law's, with other masses).
    const axesLaw = g ? DATASETS[model.meta.dataset.name] : dataset;
    const draw = axesLaw?.sample(new Rng(0, 'page-extent'), 3000);
    this.extent = target.reference ? extentOf(target.reference) : draw ? extentOf(draw) : undefined;
    const path = g ? exactGuidedPath(model, g, dataset, s.beta) : exactPath(target.models, dataset, s.beta);
    this.current = { target, settings: { ...s }, potential, dataset, modes, masses, path, centres: axesLaw?.modes && draw && modeCentres(axesLaw, draw) };
    const scrub = this.el('scrub') as HTMLInputElement;
    Object.assign(scrub, { min: '1', max: String(s.steps), value: '1', disabled: true });
    const tOff = defaultTOff(target.models.map((m) => m.meta), target.models[0].sde);
    const keep = s.n * s.steps * 2 * 2 <= MAX_KEPT_FLOATS;
    try {
      await Promise.all(SIDES.map((k) => this.runSide(k, id, s, tOff, keep)));
    } catch (e) {
      if (e instanceof Cancelled) return false;
      throw e;
    }
    if (id !== this.runId) return false;
    scrub.disabled = false;
    scrub.value = String(s.steps);
    this.show(s.steps);
    return true;
  }

  private async runSide(k: Side, id: number, s: RunSettings, tOff: number, keep: boolean): Promise<void> {
    const c = this.current!;
    const std = c.target.models[0].meta.standardization;
    this.el(`title-${k}`).textContent = s.samplers[k];
    this.el(`result-${k}`).textContent = '';
    const t0 = performance.now();
    const r = await sample({
      potential: c.potential,
      sde: c.target.models[0].sde,
      sampler: s.samplers[k],
      n: s.n,
      steps: s.steps,
      seed: s.seed,
      alpha: s.alpha,
      beta: s.beta,
      tOff,
      keepWeights: true,
      onStep: async (info) => {
        const list = this.frames[k];
        if (!keep && list.length) list[list.length - 1] = { ...list[list.length - 1], points: new Float32Array(0), weights: undefined, logNw: undefined };
        list.push(frameOf(info, unstandardize(info.x.dataSync() as Float32Array, std), s.n));
        this.progress[k] = info.step;
        this.show(Math.min(this.progress.left, this.progress.right) || info.step, k);
        await this.gate(k, id);
      },
    });
    this.msPerStep[k] = (performance.now() - t0) / s.steps;
    const last = this.frames[k][this.frames[k].length - 1];
    last.points = unstandardize(r.points, std);
    last.weights = r.weights;
    this.el(`result-${k}`).textContent = `${this.metric(last) ?? '—'} · ${this.msPerStep[k].toFixed(0)} ms/step${r.resampleCount ? ` · ${r.resampleCount} resamplings` : ''}`;
  }

  /** "0.109 mode-weight error" or "3.1e-3 MMD²": the number first (the page's test contract). */
  private metric(f: Frame): string | undefined {
    const c = this.current!;
    if (c.modes && c.masses) return `${modeWeightError(modeWeights(f.points, c.modes, f.weights), c.masses).toFixed(3)} mode-weight error`;
    // MMD² against the data only when the data is the target: not for a product, p^β or a guided class.
    if (c.target.reference && c.target.models.length === 1 && c.settings.beta === 1 && !c.target.guidance) {
      return `${mmd2({ points: f.points, weights: f.weights }, { points: c.target.reference.slice(0, 4000) }).toExponential(2)} MMD²`;
    }
    return undefined;
  }

  /** Draws step `k` (1-based) of the kept frames; `only` redraws one side's panel. */
  show(k: number, only?: Side): void {
    const c = this.current;
    if (!c) return;
    const at = (side: Side) => this.frames[side][Math.min(k, this.frames[side].length) - 1];
    const f0 = at('left') ?? at('right');
    if (!f0) return;
    this.extent ??= extentOf(f0.points);
    const betaU = c.settings.landscape === 'none' ? undefined : this.heatAt(f0.t);
    for (const side of only ? [only] : SIDES) {
      const f = at(side);
      if (!f || f.points.length === 0) continue;
      this.drawSide(side, f, betaU);
    }
    const last = k >= c.settings.steps;
    this.el('readout').textContent = `step ${f0.step} of ${c.settings.steps} · t = ${f0.t.toFixed(3)}`;
    const against = this.drawBars(k, f0.t, last);
    this.shown = { step: f0.step, t: f0.t, extent: this.extent, betaU, against };
    this.drawEss(k);
  }

  private drawSide(side: Side, f: Frame, betaU?: Float32Array): void {
    const c = this.current!;
    const kind = c.settings.landscape;
    const heat = betaU && { kind, values: kind === 'reaction' ? reactionLogRatio(betaU, this.extent!, f.points, f.weights) : betaU };
    const names = c.modes?.names.map(labelOf);
    drawPanel(this.el(`canvas-${side}`) as HTMLCanvasElement, this.extent!, {
      points: f.points,
      reference: c.target.reference,
      weights: f.weights,
      logNw: f.logNw,
      color: COLORS[side],
      heat,
      trails: c.settings.trails ? trails(this.frames[side], this.frames[side].indexOf(f) + 1) : undefined,
      modes: c.centres?.map(([x, y], i) => ({ x, y, label: names![i] })),
    });
    const legend = this.el(`legend-${side}`) as HTMLCanvasElement;
    legend.hidden = !f.logNw;
    if (f.logNw) drawWeightLegend(legend, COLORS[side], f.parents ? 'before resampling' : 'current weights');
    const perMode = c.modes && f.points.length === 2 * f.ancestors.length ? ancestorsPerMode(f, c.modes.assign, c.modes.names.length) : undefined;
    this.el(`ancestry-${side}`).textContent =
      `${f.distinctAncestors} of ${c.settings.n} starting particles still have descendants` + (perMode ? `; distinct ancestors per mode: ${perMode.map((k, i) => `${names![i]}: ${k}`).join(' · ')}` : '');
  }

  /** βU(·, t) on the heat map's grid (cached per t). */
  private heatAt(t: number): Float32Array {
    const c = this.current!;
    if (!this.heatCache.has(t)) this.heatCache.set(t, gridPotential(c.potential, c.target.models, t, c.settings.beta, this.extent!));
    return this.heatCache.get(t)!;
  }

  /** Draws the bars of step k; returns the masses the grey bars show. */
  private drawBars(k: number, t: number, last: boolean): number[] | undefined {
    const c = this.current!;
    const canvas = this.el('modes') as HTMLCanvasElement;
    canvas.hidden = !(c.modes && c.masses);
    this.el('modes-note').textContent = '';
    if (canvas.hidden) return undefined;
    // During the run the cloud is compared with the law it should be at time t; at the end with the target.
    let against = c.masses!;
    let label = 'target';
    if (!last && c.path) {
      if (!this.massCache.has(t)) this.massCache.set(t, c.path(t));
      against = this.massCache.get(t)!;
      label = `law at t = ${t.toFixed(2)}`;
    }
    this.el('modes-note').textContent = last
      ? 'Grey: the exact mode masses of the target.'
      : c.path
        ? `Grey: the exact law at t = ${t.toFixed(3)} (the noised target: exp(−βΣU_exact(·, t))), what the weights aim at now; at the last step, the target.`
        : 'Grey: the exact mode masses of the target at t = 0 (no exact law at time t is known here): expect a gap until the end.';
    const bars: { label: string; color: string; values: number[] }[] = [{ label, color: COLORS.target, values: against }];
    for (const side of SIDES) {
      const f = this.frames[side][Math.min(k, this.frames[side].length) - 1];
      if (f && f.points.length) bars.push({ label: c.settings.samplers[side], color: COLORS[side], values: modeWeights(f.points, c.modes!, f.weights) });
    }
    drawModeBars(canvas, { names: c.modes!.names.map(labelOf), bars });
    return against;
  }

  private drawEss(k: number): void {
    const c = this.current!;
    const weighted = SIDES.filter((s) => this.frames[s].some((f) => f.weights));
    const canvas = this.el('ess') as HTMLCanvasElement;
    canvas.hidden = weighted.length === 0;
    this.el('ess-note').textContent = weighted.length ? '' : 'ESS: neither sampler is weighted (em, ode, pc carry no weights), so there is nothing to show.';
    if (canvas.hidden) return;
    drawLineChart(canvas, {
      series: weighted.map((s) => ({ label: c.settings.samplers[s], color: COLORS[s], points: this.frames[s].slice(0, k).map((f) => [f.step, f.ess] as [number, number]) })),
      xRange: [0, c.settings.steps],
      yRange: [0, 1],
      xTitle: 'step',
      yTitle: 'ESS / N',
    });
  }

  /** The final (or scrubbed-to) samples of one panel as the CLI's samples CSV. */
  csv(side: Side, k: number): string | undefined {
    const f = this.frames[side][Math.min(k, this.frames[side].length) - 1];
    return f && f.points.length ? formatSamplesCsv(f.points, f.weights) : undefined;
  }

  /** The panel's run as a GIF: the kept steps replayed on its canvas (as the scrubber does), then the shown step restored. */
  async gif(side: Side): Promise<Uint8Array<ArrayBuffer>> {
    const back = this.shown?.step;
    try {
      return await recordGif(this.el(`canvas-${side}`) as HTMLCanvasElement, this.frames[side].length, (k) => this.show(k, side));
    } finally {
      if (back) this.show(back);
    }
  }

  private async gate(side: Side, id: number): Promise<void> {
    await new Promise((r) => requestAnimationFrame(r)); // yield: draw, handle input
    while (id === this.runId && this.progress[side] >= this.allowed) await new Promise<void>((r) => this.wake.push(r));
    if (id !== this.runId) throw new Cancelled();
  }

  private notify(): void {
    this.wake.forEach((f) => f());
    this.wake = [];
  }
}

/** A mode's name on its bar and at its place on the panels: short names as they are, long ones (coordinates) by number. */
export const labelOf = (name: string, i: number) => (name.length > 6 ? String(i + 1) : name);
