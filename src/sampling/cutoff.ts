// Where the weights may act (docs/math.md §4c): they pull toward exp(−β·U(·, t)), so only where
// that density's mode masses can be trusted. DSM alone leaves the energy offsets between modes
// free and they drift at small noise; the time-score fine-tune pins them down.

import type { ModelMeta } from '../checkpointSchema.js';

/** Weighting stops below this t for potentials trained by DSM alone. */
export const DSM_T_OFF = 0.2;
/**
 * ... and below this t for time-score-trained ones. Not 0: measured on the shipped fine-tuned
 * checkpoints (wfr, 20 steps, N = 2000, 3 seeds), t_off = 0 gave mode-weight error 0.077 / 0.037
 * (eight-gaussians-imbalanced / double-well) against 0.037 / 0.010 for any t_off in [0.01, 0.05]:
 * the last, coarse step crosses t < 0.01, where even these potentials' masses are off.
 */
export const TIME_SCORE_T_OFF = 0.02;

/** Default t_off from how the models were trained: 0.02 if every one had the time-score term, else 0.2. */
export function defaultTOff(metas: ModelMeta[]): number {
  return metas.every((m) => m.training.timeScoreSteps > 0) ? TIME_SCORE_T_OFF : DSM_T_OFF;
}
