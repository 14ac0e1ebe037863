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
  /** Class names when the points carry classes (built-in mixtures: their components; a labelled CSV). */
  classes?: string[];
  /** n standardised points with their class labels (conditional training). */
  sampleLabeled?(rng: Rng, n: number): { points: Points; labels: Int32Array };
}

/** Statistics of a built-in law from a fixed draw, so every run of a dataset shares them. */
const STATS_DRAW = 100_000;

/** `frame`: fixed model coordinates (--frame); without it they are fitted to the data. */
export function builtinSource(name: string, frame?: Standardization): DataSource {
  const ds = getDataset(name);
  const standardization = frame ?? fitStandardization(ds.sample(new Rng(0, `stats:${name}`), STATS_DRAW));
  const source: DataSource = { name, standardization, sample: (rng, n) => standardize(ds.sample(rng, n), standardization) };
  if (ds.sampleLabeled && ds.mixture) {
    const labeled = ds.sampleLabeled;
    source.classes = ds.mixture.means.map((_, k) => String(k));
    source.sampleLabeled = (rng, n) => {
      const d = labeled(rng, n);
      return { points: standardize(d.points, standardization), labels: d.labels };
    };
  }
  return source;
}

/** `labelled`: the points' classes (a labelled CSV), for conditional training. */
export function pointsSource(name: string, points: Points, frame?: Standardization, labelled?: { labels: Int32Array; names: string[] }): DataSource {
  const standardization = frame ?? fitStandardization(points);
  const z = standardize(points, standardization);
  const m = points.length / 2;
  const draw = (rng: Rng, n: number, labels?: Int32Array) => {
    const out = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const j = rng.int(m);
      out[2 * i] = z[2 * j];
      out[2 * i + 1] = z[2 * j + 1];
      if (labels) labels[i] = labelled!.labels[j];
    }
    return out;
  };
  return {
    name,
    standardization,
    sample: (rng, n) => draw(rng, n),
    ...(labelled && {
      classes: labelled.names,
      sampleLabeled: (rng: Rng, n: number) => {
        const labels = new Int32Array(n);
        return { points: draw(rng, n, labels), labels };
      },
    }),
  };
}
