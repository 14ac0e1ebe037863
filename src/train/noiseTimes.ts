// Where the time-score phase draws its noise times (docs/math.md §2). The default draws t uniform,
// as DSM does; 'log-noise' draws log(σ_t/α_t) uniform instead, so every decade of noise gets the
// same share of rows — under VP most of the uniform draws sit at large noise, where the modes
// overlap and their masses are already fixed. The DSM term keeps its own objective: each row's
// DSM weight is multiplied by uniform density / drawing density (an importance weight, ≤ ~3).

import { noiseLevel, timeAtNoise } from '../sampling/cutoff.js';
import type { SDE } from '../sde.js';

/** How the time-score phase draws t: 'uniform' (as DSM) or uniform in log σ_t/α_t. */
export const TIME_SCORE_TIMES = ['uniform', 'log-noise'] as const;
export type TimeScoreTimes = (typeof TIME_SCORE_TIMES)[number];

export interface NoiseTimes {
  /** The time of a uniform draw u ∈ [0, 1). */
  time(u: number): number;
  /** The DSM importance weight of a row drawn at t: (uniform density on [t_min, 1]) / (this density). */
  dsmWeight(t: number): number;
}

/** Draws t uniform on [t_min, 1] (today's behaviour; the weight is 1). */
export const uniformTimes = (sde: SDE): NoiseTimes => ({ time: (u) => sde.tMin + (1 - sde.tMin) * u, dsmWeight: () => 1 });

/**
 * Draws ν = σ_t/α_t log-uniform on [ν(t_min), ν(1)] and returns t(ν) (ν grows with t under every
 * SDE here). The density of t is then q(t) = (d log ν/dt)/L with L = log ν(1) − log ν(t_min) and
 * d log ν/dt = σ'/σ − α'/α, so the DSM weight is L / ((1 − t_min)·d log ν/dt).
 */
export function logNoiseTimes(sde: SDE): NoiseTimes {
  const lo = Math.log(noiseLevel(sde, sde.tMin));
  const span = Math.log(noiseLevel(sde, 1)) - lo;
  return {
    time: (u) => timeAtNoise(sde, Math.exp(lo + u * span)),
    dsmWeight: (t) => span / ((1 - sde.tMin) * (sde.dSigma(t) / sde.sigma(t) - sde.dAlpha(t) / sde.alpha(t))),
  };
}

export const NOISE_TIMES: Record<TimeScoreTimes, (sde: SDE) => NoiseTimes> = { uniform: uniformTimes, 'log-noise': logNoiseTimes };
