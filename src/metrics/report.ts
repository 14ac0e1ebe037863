// One table of sample-quality numbers, each next to its floor: the same metric between two
// independent reference draws of the same size, so a reader sees how close to perfect it is.

import { type Dataset, type Points } from '../data/datasets.js';
import { Rng } from '../rng.js';
import { energyDistance, mmd2, precisionRecall, slicedW2, type WeightedPoints } from './distances.js';
import { annealedModeWeights, modeWeightError, modesCovered, modeWeights } from './modes.js';

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
    const target = annealedModeWeights(dataset.modes.weights, beta);
    const w = modeWeights(x.points, dataset.modes, x.weights);
    rows.push({ metric: 'mode-weight error Σ|ŵ−π|', value: modeWeightError(w, target), better: 'lower' });
    rows.push({ metric: `modes covered (of ${target.length})`, value: modesCovered(w, target), better: 'higher' });
  }
  return rows;
}

/**
 * Scores samples (data units) against a dataset: a fresh reference draw of the law when the
 * dataset is built in (with floors), else the given reference points (no floors). For β ≠ 1
 * (samples of p^β) there is no reference draw: only the mode weights, against πₖ^β/Σπ^β.
 */
export function evaluateSamples(x: WeightedPoints, dataset: Dataset | undefined, o: EvaluateOptions & { reference?: Points } = {}): MetricRow[] {
  const n = x.points.length / 2;
  const seed = o.seed ?? 0;
  const beta = o.beta ?? 1;
  const law = dataset && beta === 1 ? dataset : undefined;
  const ref = law ? law.sample(new Rng(seed, 'eval-reference'), n) : beta === 1 ? o.reference : undefined;
  if (!ref && !dataset?.modes) throw new Error('no reference: give a built-in dataset or reference points');
  const rows = allMetrics(x, ref, dataset, beta);
  if (law && o.floors !== false) {
    const a = law.sample(new Rng(seed, 'floor-a'), n);
    const b = law.sample(new Rng(seed, 'floor-b'), n);
    allMetrics({ points: a }, b, dataset, beta).forEach((r, i) => (rows[i].floor = r.value));
  }
  return rows;
}

export function formatMetricTable(rows: MetricRow[]): string {
  const fmt = (v: number | undefined) => (v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toPrecision(3));
  const w = Math.max(...rows.map((r) => r.metric.length));
  return [
    `${'metric'.padEnd(w)}  ${'value'.padStart(10)}  ${'floor'.padStart(10)}`,
    ...rows.map((r) => `${r.metric.padEnd(w)}  ${fmt(r.value).padStart(10)}  ${fmt(r.floor).padStart(10)}`),
  ].join('\n');
}
