// The exact mode masses of an annealed target p^β, computed before any sampling or scoring: their
// cost grows with β (and tiny β is out of reach of double precision), so a β that cannot be
// scored is refused at once, naming the flag, instead of hanging after the work. And the share
// of samples outside the target's range, which no mode-weight error sees.

import type { Dataset, Points } from '../data/datasets.js';
import { outsideTarget, type OutsideReport } from '../metrics/outside.js';
import { Rng } from '../rng.js';
import { targetModeWeights } from '../metrics/modes.js';

export function checkAnnealedTarget(dataset: Dataset | undefined, beta: number, flag = '--beta'): void {
  if (!dataset?.modes || beta === 1) return;
  try {
    targetModeWeights(dataset.modes, beta); // cached: the later scoring reuses it
  } catch (e) {
    throw new Error(`${flag} ${beta}: ${(e as Error).message}`);
  }
}

/** The share of samples outside a draw of the target (p^β spreads by 1/√β for β < 1). */
export function outsideOf(points: Points, dataset: Dataset, beta: number): OutsideReport {
  return outsideTarget(points, dataset.sample(new Rng(0, 'target-range'), 4000), 0.5 * Math.max(1, 1 / Math.sqrt(beta)));
}
