// Mode-weight metrics for datasets with modes (docs/math.md §7): the weight of each mode among the
// samples (nearest centre; double-well by the sign of x), the summed error Σₖ|ŵₖ − πₖ| and how
// many modes are covered (ŵₖ ≥ 0.1·πₖ). Sample weights are honoured.

import type { ModeSpec, Points } from '../data/datasets.js';

export function modeWeights(points: Points, modes: ModeSpec, weights?: ArrayLike<number>): number[] {
  const n = points.length / 2;
  const w = new Array(modes.names.length).fill(0);
  for (let i = 0; i < n; i++) w[modes.assign(points[2 * i], points[2 * i + 1])] += weights ? weights[i] : 1 / n;
  return w;
}

export function modeWeightError(estimated: number[], target: number[]): number {
  return estimated.reduce((s, w, k) => s + Math.abs(w - target[k]), 0);
}

export function modesCovered(estimated: number[], target: number[]): number {
  return estimated.filter((w, k) => w >= 0.1 * target[k]).length;
}

/** Weights of p^β for well-separated mixture components of equal shape: πₖ^β / Σⱼπⱼ^β. */
export function annealedModeWeights(target: number[], beta: number): number[] {
  const p = target.map((w) => w ** beta);
  const s = p.reduce((a, b) => a + b, 0);
  return p.map((v) => v / s);
}

/** The exact mode masses of p^β: the dataset's own integral where it has one, else πₖ^β/Σπ^β. */
export function targetModeWeights(modes: ModeSpec, beta = 1): number[] {
  if (beta === 1) return modes.weights.slice();
  return modes.annealed ? modes.annealed(beta) : annealedModeWeights(modes.weights, beta);
}

/** Mass per mode of samples against the exact masses: Σ|ŵ−π| is `error`, `covered` the modes with ≥ 10% of their mass. */
export interface ModeSummary {
  names: string[];
  /** Target weights (of p^β when β ≠ 1). */
  target: number[];
  estimated: number[];
  error: number;
  covered: number;
}

/** Mode weights of samples against the (annealed) target, as reports and pictures show them. */
export function modeSummary(points: Points, modes: ModeSpec, weights: ArrayLike<number> | undefined, beta = 1): ModeSummary {
  const target = targetModeWeights(modes, beta);
  const estimated = modeWeights(points, modes, weights);
  return { names: modes.names, target, estimated, error: modeWeightError(estimated, target), covered: modesCovered(estimated, target) };
}
