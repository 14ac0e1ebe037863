// Scoring samples as `npm run eval` does: every metric next to its floor (the same metric between
// two independent draws of the true law), and the mode masses against the exact ones.

import { getDataset, type Dataset, type Points } from '../data/datasets.js';
import { modeSummary, type ModeSummary } from '../metrics/modes.js';
import { evaluateSamples, formatMetricTable, type MetricRow } from '../metrics/report.js';
import { Model, type Samples } from './model.js';

export type { MetricRow } from '../metrics/report.js';
export type { ModeSummary } from '../metrics/modes.js';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Samples of p^β: mode masses are scored against the annealed law (default: the samples' own β). */
  beta?: number;
  /** Seed of the reference draws (default 0; never the samples' own stream). */
  seed?: number;
  /** false skips the O(n²) floors (quicker). */
  floors?: boolean;
}

/** What {@link evaluate} returns: the metric table, and the mode masses when the law has modes. */
export interface Evaluation {
  /** Each metric, its floor and which way is better. */
  rows: MetricRow[];
  /** Mass per mode against the exact masses, and Σ|ŵ−π|, when the law has modes. */
  modes?: ModeSummary;
  /** The rows as the `npm run eval` table. */
  text: string;
}

/**
 * Scores samples (data units) against `target`: a built-in dataset name, the model that drew
 * them (its exact law, e.g. a product's), or reference points [x₀, y₀, …] in data units.
 *
 * @example
 * ```ts
 * import { evaluate } from 'wfr-score';
 * const s = await model.sample({ seed: 1 });
 * const e = evaluate(s, 'eight-gaussians-imbalanced');
 * console.log(e.text, e.modes?.error);               // mode-weight error Σ|ŵ−π|
 * ```
 */
export function evaluate(samples: Samples | { points: Points; weights?: ArrayLike<number> }, target: string | Model | Points, o: EvaluateOptions = {}): Evaluation {
  const settingsBeta = 'settings' in samples ? samples.settings.beta : 1;
  let dataset: Dataset | undefined;
  let power = 1;
  let reference: Points | undefined;
  if (typeof target === 'string') dataset = getDataset(target);
  else if (target instanceof Model) {
    if (!target.law) throw new Error(`evaluate: ${target.name} has no exact target to score against; give reference points`);
    [dataset, power] = [target.law, target.targetPower];
  } else reference = target;
  const beta = (o.beta ?? settingsBeta) * power;
  const x = { points: samples.points, weights: samples.weights };
  const rows = evaluateSamples(x, dataset, { seed: o.seed, beta, floors: o.floors, reference });
  const modes = dataset?.modes ? modeSummary(samples.points, dataset.modes, samples.weights, beta) : undefined;
  return { rows, modes, text: formatMetricTable(rows) };
}
