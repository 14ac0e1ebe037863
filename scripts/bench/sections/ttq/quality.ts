// Time to quality, the bar: "good" samples have a mean MMD² and mode-weight error each within
// QUALITY_FACTOR× the floor (two independent draws of the data of the same size) or within
// REFERENCE_FACTOR× the reference model's own; a run's scored checkpoints and its time to good.

import type { Dataset, Points } from '../../../../src/data/datasets.js';
import { mmd2 } from '../../../../src/metrics/distances.js';
import { modeWeightError, modeWeights, targetModeWeights } from '../../../../src/metrics/modes.js';
import { Rng } from '../../../../src/rng.js';
import { log } from '../../context.js';

/** How far above the floor a checkpoint's samples may be and still count as good. */
export const QUALITY_FACTOR = 1.5;
/** …or how far above the reference model's own scores. */
export const REFERENCE_FACTOR = 1.25;

export interface Metrics {
  mmd: number;
  modeError: number;
}

export interface Bar {
  n: number;
  emSteps: number;
  seeds: number[];
  /** Mean over floor seeds of MMD² and mode-weight error between two draws of the data. */
  floor: Metrics;
}

export interface Score extends Metrics {
  pass: boolean;
}

/** The largest MMD² and mode-weight error that count as good, from the floor and the reference model's scores. */
export function qualityLimit(floor: Metrics, reference?: Metrics): Metrics {
  const limit = (k: keyof Metrics) => Math.max(QUALITY_FACTOR * floor[k], reference ? REFERENCE_FACTOR * reference[k] : 0);
  return { mmd: limit('mmd'), modeError: limit('modeError') };
}

// At the limit passes: a mean of two seeds exactly at it may land one rounding above it.
const within = (v: number, limit: number) => v <= limit * (1 + 1e-9);
export const passes = (m: Metrics, limit: Metrics) => within(m.mmd, limit.mmd) && within(m.modeError, limit.modeError);

/** MMD² and mode-weight error of samples (data units) against a fresh draw of the law. */
export function metrics(points: Points, ds: Dataset, seed: number): { mmd: number; modeError: number } {
  const ref = ds.sample(new Rng(seed, 'ttq-reference'), points.length / 2);
  return { mmd: mmd2({ points }, { points: ref }), modeError: modeWeightError(modeWeights(points, ds.modes!), targetModeWeights(ds.modes!)) };
}

export function floorOf(ds: Dataset, n: number, seeds: number[]): Bar['floor'] {
  const rows = seeds.map((s) => metrics(ds.sample(new Rng(s, 'ttq-floor'), n), ds, 1000 + s));
  return { mmd: rows.reduce((a, r) => a + r.mmd, 0) / rows.length, modeError: rows.reduce((a, r) => a + r.modeError, 0) / rows.length };
}

/** The mean over seeds of each metric (judged later, once the reference is known). */
export function meanMetrics(perSeed: Metrics[]): Score {
  const mmd = perSeed.reduce((a, r) => a + r.mmd, 0) / perSeed.length;
  const modeError = perSeed.reduce((a, r) => a + r.modeError, 0) / perSeed.length;
  return { mmd, modeError, pass: false };
}

export interface RecipeRun {
  engine: string;
  recipe: string;
  dataset: string;
  checkpoints: { step: number; trainSeconds: number; trainCpuSeconds: number; score: Score }[];
  /** Wall-clock to the first checkpoint that passes (undefined: none did), and the CPU seconds. */
  secondsToGood?: number;
  cpuToGood?: number;
  stepsToGood?: number;
  totalSeconds: number;
  /** The run the bar is relative to (PyTorch on one thread, or ours on its recipe). */
  reference?: boolean;
  /** Our runs with --stop-when-good: the step it stopped at (the masses at the floor); absent when it never did. */
  stoppedWhenGood?: number;
  /** The plan's weights-ready row: its time to good is the bench's one line. */
  weightsReady?: boolean;
  /** Our runs: the cut-off measured at the end (noise level) and the mode-mass errors behind it. */
  cutoff?: { noise: number; masses?: { noise: number; error: number }[] };
}

/** Marks each checkpoint good or not against the limit, and the run's time to the first good one. */
export function judge(r: RecipeRun, limit: Metrics): void {
  for (const c of r.checkpoints) c.score.pass = passes(c.score, limit);
  const good = r.checkpoints.find((c) => c.score.pass);
  r.secondsToGood = good?.trainSeconds;
  r.cpuToGood = good?.trainCpuSeconds;
  r.stepsToGood = good?.step;
  log(`  ${r.dataset} ${r.engine}, ${r.recipe}: good ${good ? `at step ${good.step}, ${good.trainSeconds.toFixed(1)} s` : 'not reached'}`);
}
