// The built-in 2D datasets (docs/datasets.md), each an exact sampler of its law in data
// coordinates, plus what the metrics and the exact potential need to know about it: the
// mixture components (means, weights, std) or, for double-well, the mode rule.

import { Rng } from '../rng.js';
import { GMM40 } from './gmm40.js';
import { mixtureDataset, productMixture, uniformMeans } from './mixture.js';
import type { Dataset } from './types.js';

export type { Dataset, Mixture, ModeSpec, Points } from './types.js';

const SQRT2 = Math.SQRT2;

const eightCentres = Array.from({ length: 8 }, (_, k): [number, number] => [
  2 * SQRT2 * Math.cos((Math.PI * k) / 4),
  2 * SQRT2 * Math.sin((Math.PI * k) / 4),
]);

const twentyFiveCentres: [number, number][] = [];
for (const a of [-4, -2, 0, 2, 4]) for (const b of [-4, -2, 0, 2, 4]) twentyFiveCentres.push([a, b]);

// --- double-well: inverse-CDF sampling of exp(−V) on a fine grid ---------------------------

export const doubleWellV = (x: number) => 4 * ((x / 2) ** 2 - 1) ** 2 - 0.25 * x;
export const DOUBLE_WELL_Y_STD = 0.75;
export const DOUBLE_WELL_GRID = { lo: -5, hi: 5, n: 100_001 };

let doubleWellCdf: Float64Array | undefined;
function doubleWellInverseCdf(u: number): number {
  const { lo, hi, n } = DOUBLE_WELL_GRID;
  const dx = (hi - lo) / (n - 1);
  if (!doubleWellCdf) {
    const cdf = new Float64Array(n);
    let prev = Math.exp(-doubleWellV(lo));
    for (let i = 1; i < n; i++) {
      const cur = Math.exp(-doubleWellV(lo + i * dx));
      cdf[i] = cdf[i - 1] + 0.5 * (prev + cur) * dx; // trapezoid: exact for the linear interpolant
      prev = cur;
    }
    for (let i = 0; i < n; i++) cdf[i] /= cdf[n - 1];
    doubleWellCdf = cdf;
  }
  const cdf = doubleWellCdf;
  let a = 0;
  let b = n - 1;
  while (b - a > 1) {
    const m = (a + b) >> 1;
    if (cdf[m] < u) a = m;
    else b = m;
  }
  const frac = (u - cdf[a]) / (cdf[b] - cdf[a] || 1);
  return lo + (a + frac) * dx;
}

/** Left/right masses of p^β ∝ e^{−βV(x)}·(the y-factor, which integrates out), by the trapezoid rule on the sampling grid. */
function doubleWellAnnealed(beta: number): number[] {
  const { lo, hi, n } = DOUBLE_WELL_GRID;
  const dx = (hi - lo) / (n - 1);
  let [left, total] = [0, 0];
  // Relative to the lowest V on the grid, so that no β under- or overflows every term.
  let vMin = Infinity;
  for (let i = 0; i < n; i++) vMin = Math.min(vMin, doubleWellV(lo + i * dx));
  for (let i = 0; i < n; i++) {
    const x = lo + i * dx;
    const w = (i === 0 || i === n - 1 ? 0.5 : 1) * Math.exp(-beta * (doubleWellV(x) - vMin));
    total += w;
    if (x < 0) left += w;
    else if (x === 0) left += w / 2;
  }
  return [left / total, 1 - left / total];
}

const doubleWell: Dataset = {
  name: 'double-well',
  modes: { names: ['left', 'right'], weights: [0.282435, 0.717565], assign: (x) => (x < 0 ? 0 : 1), annealed: doubleWellAnnealed },
  sample(rng, n) {
    const out = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      out[2 * i] = doubleWellInverseCdf(rng.uniform());
      out[2 * i + 1] = DOUBLE_WELL_Y_STD * rng.normal();
    }
    return out;
  },
};

// --- the others: one point at a time, exactly as the spec writes them --------------------

function pointwise(name: string, point: (rng: Rng) => [number, number]): Dataset {
  return {
    name,
    sample(rng, n) {
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) [out[2 * i], out[2 * i + 1]] = point(rng);
      return out;
    },
  };
}

const swissRoll = pointwise('swiss-roll', (rng) => {
  const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
  return [(t * Math.cos(t) + rng.normal()) / 5, (t * Math.sin(t) + rng.normal()) / 5];
});

const twoMoons = pointwise('two-moons', (rng) => {
  const th = Math.PI * rng.uniform();
  const upper = rng.uniform() < 0.5;
  const px = upper ? Math.cos(th) : 1 - Math.cos(th);
  const py = upper ? Math.sin(th) : 0.5 - Math.sin(th);
  return [2 * (px + 0.1 * rng.normal()) - 1, 2 * (py + 0.1 * rng.normal()) - 0.2];
});

const circles = pointwise('circles', (rng) => {
  const r = rng.uniform() < 0.5 ? 1 : 0.5;
  const phi = 2 * Math.PI * rng.uniform();
  return [3 * (r * Math.cos(phi) + 0.08 * rng.normal()), 3 * (r * Math.sin(phi) + 0.08 * rng.normal())];
});

const rings = pointwise('rings', (rng) => {
  const r = [1, 0.75, 0.5, 0.25][rng.int(4)];
  const phi = 2 * Math.PI * rng.uniform();
  return [3 * r * Math.cos(phi) + 0.08 * rng.normal(), 3 * r * Math.sin(phi) + 0.08 * rng.normal()];
});

const pinwheel = pointwise('pinwheel', (rng) => {
  const k = rng.int(5);
  const a = 0.3 * rng.normal() + 1;
  const b = 0.1 * rng.normal();
  const ang = (2 * Math.PI * k) / 5 + 0.25 * Math.exp(a);
  const c = Math.cos(ang);
  const s = Math.sin(ang);
  return [2 * (a * c - b * s), 2 * (a * s + b * c)];
});

const twoSpirals = pointwise('two-spirals', (rng) => {
  const n = 3 * Math.PI * Math.sqrt(rng.uniform());
  let px = -Math.cos(n) * n + 0.5 * rng.uniform();
  let py = Math.sin(n) * n + 0.5 * rng.uniform();
  if (rng.uniform() < 0.5) [px, py] = [-px, -py];
  return [px / 3 + 0.1 * rng.normal(), py / 3 + 0.1 * rng.normal()];
});

const checkerboard = pointwise('checkerboard', (rng) => {
  const x1 = 4 * rng.uniform() - 2;
  const u2 = rng.uniform();
  const b = rng.int(2);
  const parity = ((Math.floor(x1) % 2) + 2) % 2;
  return [2 * x1, 2 * (u2 - 2 * b + parity)];
});

export const DATASETS: Record<string, Dataset> = {
  'eight-gaussians': mixtureDataset('eight-gaussians', {
    means: eightCentres,
    weights: Array(8).fill(1 / 8),
    std: 0.5 / SQRT2,
  }),
  'eight-gaussians-imbalanced': mixtureDataset('eight-gaussians-imbalanced', {
    means: eightCentres,
    weights: Array.from({ length: 8 }, (_, k) => (k + 1) / 36),
    std: 0.5 / SQRT2,
  }),
  'twenty-five-gaussians': mixtureDataset('twenty-five-gaussians', {
    means: twentyFiveCentres,
    weights: Array(25).fill(1 / 25),
    std: 0.1,
  }),
  // The literature's annealing benchmark (40 equal modes, means uniform in [−40, 40]², unit
  // variance; annealed to β = 3): mode sizes against the box as in FAB/iDEM/FKC.
  'forty-gaussians': mixtureDataset('forty-gaussians', {
    means: uniformMeans(40, 40, 'forty-gaussians:means'),
    weights: Array(40).fill(1 / 40),
    std: 1,
  }),
  // The same benchmark exactly as Feynman–Kac Correctors publish it (their means, std
  // softplus(2)), so that their Table A1 can be run side by side (gmm40.ts).
  gmm40: mixtureDataset('gmm40', GMM40),
  // A family meant to be multiplied (train each with --frame standard): wide overlapping
  // blobs whose products are again mixtures with exact components (productDataset).
  'blobs-x': mixtureDataset('blobs-x', { means: [[-2, 0], [2, 0]], weights: [0.3, 0.7], std: 1 }),
  'blobs-y': mixtureDataset('blobs-y', { means: [[0, -2], [0, 2]], weights: [0.6, 0.4], std: 1 }),
  'blobs-diagonal': mixtureDataset('blobs-diagonal', { means: [[-1.5, -1.5], [1.5, 1.5]], weights: [0.5, 0.5], std: 1 }),
  'double-well': doubleWell,
  'swiss-roll': swissRoll,
  'two-moons': twoMoons,
  circles,
  rings,
  pinwheel,
  'two-spirals': twoSpirals,
  checkerboard,
};

/** The built-in datasets by name (docs/datasets.md). */
export const DATASET_NAMES = Object.keys(DATASETS);

export function getDataset(name: string): Dataset {
  const d = DATASETS[name];
  if (!d) throw new Error(`unknown dataset '${name}'; valid names: ${DATASET_NAMES.join(', ')}`);
  return d;
}

/** The normalised product ∏ pᵢ of built-in mixtures as a dataset (exact sampler, modes, masses). */
export function productDataset(names: string[]): Dataset {
  const factors = names.map((n) => {
    const m = getDataset(n).mixture;
    if (!m) throw new Error(`${n} is not a Gaussian mixture: its product with others has no closed form`);
    return m;
  });
  return mixtureDataset(names.join('×'), productMixture(factors));
}
