// The Feynman–Kac weighting registry: the part of a weighted sampler that turns a move into
// log-weight increments. A new weighting is one file in this folder and one line here; wfr
// wraps the chosen one in the Fisher–Rao reaction (reaction.ts).

import type { Part, Weighting } from '../parts.js';
import { continuousWeights } from './continuous.js';
import { discreteWeights } from './discrete.js';
import { noWeights } from './none.js';

export const WEIGHTINGS: Record<string, Part<Weighting>> = {
  none: noWeights,
  continuous: continuousWeights,
  discrete: discreteWeights,
};
