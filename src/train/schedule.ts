// The per-step schedule a training config implies, read by the loop (trainer.ts) at every step:
// which phase the step is in (DSM, or the time-score phase with its own learning rate and μ;
// with --time-score-from the term also joins the DSM phase from that step),
// the learning rate (warm-up, then cosine over the phase) and the EMA decay.

import type { TrainConfig } from './config.js';

/** The schedule phase step k (0-based) is in: the DSM phase [phaseStart, end), or the time-score phase [start, steps). */
export function phaseAt(
  c: TrainConfig,
  k: number,
): { start: number; end: number; lr: number; lrFinalFraction: number; timeScoreWeight: number; timeScoreReference: number } {
  const p = c.timeScorePhase;
  if (p && k >= p.start) return { start: p.start, end: c.steps, lr: p.lr, lrFinalFraction: p.lrFinalFraction, timeScoreWeight: p.weight, timeScoreReference: p.reference ?? 0 };
  // --time-score-from: the term joins the DSM phase early, with the phase record's μ and target.
  const early = p && c.timeScoreFrom !== undefined && k >= c.timeScoreFrom;
  const term = early ? { timeScoreWeight: p.weight, timeScoreReference: p.reference ?? 0 } : { timeScoreWeight: c.timeScoreWeight, timeScoreReference: 0 };
  const base = { lr: c.lr, lrFinalFraction: c.lrFinalFraction, ...term };
  return { start: c.phaseStart ?? 0, end: p ? Math.min(p.start, c.steps) : c.steps, ...base };
}

/** Learning rate at step k (0-based): warm-up and cosine over the step's phase. */
export function learningRate(c: TrainConfig, k: number): number {
  const ph = phaseAt(c, k);
  const j = k - ph.start;
  const warm = Math.min(1, (j + 1) / Math.max(1, c.warmupSteps));
  const progress = Math.min(1, j / Math.max(1, ph.end - ph.start));
  const cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
  return ph.lr * warm * (ph.lrFinalFraction + (1 - ph.lrFinalFraction) * cosine);
}

export function emaDecay(c: TrainConfig, k: number): number {
  return Math.min(c.emaMax, (1 + k) / (10 + k));
}
