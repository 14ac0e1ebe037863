// How long the WFR reaction acts over a step (docs/math.md §5): δ = 1 − e^{−α·Δ}. Measured in t,
// the reaction's strength depends on the SDE: VP crosses the noise levels where many modes
// separate (σ/α ∈ [0.03, 0.34]) in a tenth of its t-interval, ve in two fifths. The 'noise' clock
// measures Δ in the log-noise time τ of the time embedding (t itself under ve, not under ve0),
// which gives VP a quarter of the path there: the gap narrows, it does not close.

import { logNoiseTime } from '../model/embedding.js';
import type { SDE } from '../sde.js';

export type ReactionClock = 'noise' | 'time';
export const REACTION_CLOCKS: ReactionClock[] = ['noise', 'time'];
export const DEFAULT_REACTION_CLOCK: ReactionClock = 'noise';

const taus = new WeakMap<SDE, (t: number) => [number, number]>();

/**
 * The reaction's duration of the step from t to tn (t > tn): t − tn itself, or τ(t) − τ(tn) with
 * τ = t_min + (1 − t_min)(log ν(t) − log ν(t_min))/(log ν(1) − log ν(t_min)), ν = σ/α.
 *
 * @example
 *   reactionDuration('noise', makeSde('ve'), 0.5, 0.49); // 0.01: τ = t under ve
 */
export function reactionDuration(clock: ReactionClock, sde: SDE, t: number, tn: number): number {
  if (clock === 'time') return t - tn;
  let tau = taus.get(sde);
  if (!tau) taus.set(sde, (tau = logNoiseTime(sde)));
  return tau(t)[0] - tau(tn)[0];
}
