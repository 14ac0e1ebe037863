// The shapes of a dataset, shared by datasets.ts (the built-in laws) and mixture.ts (Gaussian
// mixtures as datasets), so that neither imports the other's types: a point cloud, a law's
// exact sampler, its mixture components and its mode rule.

import type { Rng } from '../rng.js';

export interface Mixture {
  means: [number, number][];
  weights: number[];
  /** Isotropic std of every component. */
  std: number;
}

/** n points as [x0, y0, x1, y1, …]. */
export type Points = Float32Array;

/** How samples are assigned to modes for mode-weight metrics. */
export interface ModeSpec {
  names: string[];
  /** The law's mass in each mode's region (for mixtures: the cell's, not the component weight). */
  readonly weights: number[];
  /** Index of the mode that point (x, y) belongs to. */
  assign(x: number, y: number): number;
  /**
   * Exact mode masses of the annealed law p^β (normalised), where πₖ^β/Σπ^β — right only for
   * well-separated modes of one shape — is not: double-well by the 1D integral of e^{−βV},
   * mixtures by integrating p^β over each cell (mixture.ts).
   */
  annealed?(beta: number): number[];
}

export interface Dataset {
  name: string;
  sample(rng: Rng, n: number): Points;
  /** Draws with the class of each (mixtures: the component), for class-conditional training. */
  sampleLabeled?(rng: Rng, n: number): { points: Points; labels: Int32Array };
  mixture?: Mixture;
  modes?: ModeSpec;
}
