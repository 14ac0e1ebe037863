// One table of sample-quality numbers, each next to its floor: the same metric between two
// independent reference draws of the same size, so a reader sees how close to perfect it is.

import { type Dataset, type Points } from '../data/datasets.js';
import { Rng } from '../rng.js';
import { energyDistance, mmd2, precisionRecall, slicedW2, type WeightedPoints } from './distances.js';
import { modeWeightError, modesCovered, modeWeights, targetModeWeights } from './modes.js';

/** One metric of a sample-quality report, next to its floor. */
export interface MetricRow {
  metric: string;
  value: number;
  /** The metric between two independent reference draws of the same size (undefined: no law to draw from). */
  floor?: number;
  /** Whether smaller is better (distances, errors) or larger (precision, recall, coverage). */
  better: 'lower' | 'higher';
}

export interface EvaluateOptions {
  /** Reference draws come from this seed (never the samples' own). */
  seed?: number;
  /** Target p^β for mode weights (annealed sampling). */
  beta?: number;
  /** Skip the O(n²) floors (quick runs). */
  floors?: boolean;
  /** Told as each of the (up to two) passes over the samples starts: large files take minutes. */
  onPhase?: (phase: string) => void;
}

function allMetrics(x: WeightedPoints, ref: Points | undefined, dataset: Dataset | undefined, beta: number): MetricRow[] {
  const rows: MetricRow[] = [];
  if (ref) {
    const pr = precisionRecall(x, ref);
    rows.push(
      { metric: 'MMD² (RBF mixture)', value: mmd2(x, { points: ref }), better: 'lower' },
      { metric: 'energy distance', value: energyDistance(x, { points: ref }), better: 'lower' },
      { metric: 'sliced W2', value: slicedW2(x, { points: ref }), better: 'lower' },
      { metric: 'precision (k=5)', value: pr.precision, better: 'higher' },
      { metric: 'recall (k=5)', value: pr.recall, better: 'higher' },
    );
  }
  if (dataset?.modes) {
    const target = targetModeWeights(dataset.modes, beta);
    const w = modeWeights(x.points, dataset.modes, x.weights);
    rows.push({ metric: 'mode-weight error Σ|ŵ−π|', value: modeWeightError(w, target), better: 'lower' });
    rows.push({ metric: `modes covered (of ${target.length})`, value: modesCovered(w, target), better: 'higher' });
  }
  return rows;
}

/**
 * Scores samples (data units) against a dataset: a fresh reference draw of the law when the
 * dataset is built in (with floors), else the given reference points — with floors when there
 * are at least twice as many as samples (two disjoint halves of a shuffled copy play the two
 * independent draws). For β ≠ 1 (samples of p^β) there is no reference draw: only the mode
 * weights, against πₖ^β/Σπ^β.
 */
export function evaluateSamples(x: WeightedPoints, dataset: Dataset | undefined, o: EvaluateOptions & { reference?: Points } = {}): MetricRow[] {
  const n = x.points.length / 2;
  const seed = o.seed ?? 0;
  const beta = o.beta ?? 1;
  const law = dataset && beta === 1 ? dataset : undefined;
  const given = !law && beta === 1 && o.reference ? splitReference(o.reference, n, seed) : undefined;
  const ref = law ? law.sample(new Rng(seed, 'eval-reference'), n) : given?.ref;
  if (!ref && !dataset?.modes) throw new Error('no reference: give a built-in dataset or reference points');
  const passes = o.floors === false || (!law && !given?.other) ? 1 : 2;
  o.onPhase?.(`1/${passes}: the samples against ${ref ? `${ref.length / 2} reference points` : 'the exact mode masses'}`);
  const rows = allMetrics(x, ref, dataset, beta);
  if (passes === 1) return rows;
  o.onPhase?.(`2/${passes}: the floor (two independent draws of the reference, ${n} points each)`);
  if (law) {
    const a = law.sample(new Rng(seed, 'floor-a'), n);
    const b = law.sample(new Rng(seed, 'floor-b'), n);
    allMetrics({ points: a }, b, dataset, beta).forEach((r, i) => (rows[i].floor = r.value));
  } else if (given?.other) {
    allMetrics({ points: given.other }, given.ref, dataset, beta).forEach((r, i) => (rows[i].floor = r.value));
  }
  return rows;
}

/** A shuffled copy of the reference: n points to score against and, when there are 2n, n others for the floor. */
function splitReference(reference: Points, n: number, seed: number): { ref: Points; other?: Points } {
  const m = reference.length / 2;
  if (m < 2 * n) return { ref: reference };
  const rng = new Rng(seed, 'eval-split');
  const order = Int32Array.from({ length: m }, (_, i) => i);
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const pick = (from: number) => Float32Array.from({ length: 2 * n }, (_, k) => reference[2 * order[from + (k >> 1)] + (k & 1)]);
  return { ref: pick(0), other: pick(n) };
}

export function formatMetricTable(rows: MetricRow[]): string {
  const fmt = (v: number | undefined) => (v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toPrecision(3));
  const w = Math.max(...rows.map((r) => r.metric.length));
  return [
    `${'metric'.padEnd(w)}  ${'better'.padEnd(8)}  ${'value'.padStart(10)}  ${'floor'.padStart(10)}`,
    ...rows.map((r) => `${r.metric.padEnd(w)}  ${(r.better === 'lower' ? '↓ lower' : '↑ higher').padEnd(8)}  ${fmt(r.value).padStart(10)}  ${fmt(r.floor).padStart(10)}`),
    'floor: the same metric between two independent draws of the data of the same size',
  ].join('\n');
}
