// The exact mode masses of an annealed target p^β, computed before any sampling or scoring: their
// cost grows with β (and tiny β is out of reach of double precision), so a β that cannot be
// scored is refused at once, naming the flag, instead of hanging after the work.

import type { Dataset } from '../data/datasets.js';
import { targetModeWeights } from '../metrics/modes.js';

export function checkAnnealedTarget(dataset: Dataset | undefined, beta: number, flag = '--beta'): void {
  if (!dataset?.modes || beta === 1) return;
  try {
    targetModeWeights(dataset.modes, beta); // cached: the later scoring reuses it
  } catch (e) {
    throw new Error(`${flag} ${beta}: ${(e as Error).message}`);
  }
}
