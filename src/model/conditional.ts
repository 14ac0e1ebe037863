// A class-conditional potential U(x, t | c): one model that gives the potential of each class's
// law and, with the null class, of the whole law. Exact mixtures have one (a class is a set of
// components); so do checkpoints trained with --conditional (a class is a label). Guidance
// (sampling/guidance.ts) multiplies two of them.

import type { Dataset } from '../data/datasets.js';
import type { Potential } from './potential.js';

export interface ClassConditional {
  /** Class names, index = label (or component of an exact mixture). */
  names: string[];
  /** Whether a class may be a set of labels (exact mixtures: a union of components). */
  sets: boolean;
  /** U(x, t | c) for a class (a set of labels), or U(x, t | ∅) for null. Shares the model's weights. */
  potential(cls: number[] | null): Potential;
  /** The exact tilted law p(x|c)^w · p(x)^{1−w} in data units, when it is known. */
  tilted?(cls: number[], w: number): Dataset;
}
