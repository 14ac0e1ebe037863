// Where training batches come from: the exact law of a built-in dataset (fresh draws every
// step), or a user's points resampled with replacement. Also fixes the standardisation.

import { getDataset, type Points } from './datasets.js';
import { fitStandardization, standardize, type Standardization } from './standardize.js';
import { Rng } from '../rng.js';

export interface DataSource {
  name: string;
  /** n standardised points. */
  sample(rng: Rng, n: number): Points;
  standardization: Standardization;
}

/** Statistics of a built-in law from a fixed draw, so every run of a dataset shares them. */
const STATS_DRAW = 100_000;

/** `frame`: fixed model coordinates (--frame); without it they are fitted to the data. */
export function builtinSource(name: string, frame?: Standardization): DataSource {
  const ds = getDataset(name);
  const standardization = frame ?? fitStandardization(ds.sample(new Rng(0, `stats:${name}`), STATS_DRAW));
  return { name, standardization, sample: (rng, n) => standardize(ds.sample(rng, n), standardization) };
}

export function pointsSource(name: string, points: Points, frame?: Standardization): DataSource {
  const standardization = frame ?? fitStandardization(points);
  const z = standardize(points, standardization);
  const m = points.length / 2;
  return {
    name,
    standardization,
    sample(rng, n) {
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const j = rng.int(m);
        out[2 * i] = z[2 * j];
        out[2 * i + 1] = z[2 * j + 1];
      }
      return out;
    },
  };
}
