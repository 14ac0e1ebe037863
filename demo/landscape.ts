// The landscape under the particles: the target at time t, exp(−β·U(x, t)) of the model (the sum
// of both potentials for a product), on a coarse grid over the panel, evaluated in one tf.tidy;
// or βU itself; or the reaction's driving log-ratio log(target / cloud), where wfr creates mass
// (> 0) and removes it (< 0). Also what the bars compare with at time t: the mode masses of the
// exact intermediate target exp(−β·ΣU_exact(·, t)), where it is known.

import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../src/checkpoint.js';
import { DATASETS, type Dataset } from '../src/data/datasets.js';
import { exactModeMasses, potentialModeMasses } from '../src/metrics/potentialMasses.js';
import { ExactPotential, standardizeMixture } from '../src/model/exact.js';
import { SumPotential, type Potential } from '../src/model/potential.js';
import type { Extent } from './draw.js';

export const LANDSCAPES = ['density', 'potential', 'reaction', 'none'] as const;
export type Landscape = (typeof LANDSCAPES)[number];
export const LANDSCAPE_WORDS: Record<Landscape, string> = {
  density: 'target at t: exp(−βU)',
  potential: 'potential βU(x, t)',
  reaction: 'reaction: log(target / cloud)',
  none: 'none',
};

/** Cells per side of the heat map: coarse (one potential evaluation of 40² points per step, cached per t), smoothed when drawn. */
export const GRID = 40;

/** βU at the centres of a GRID × GRID grid over `e` (data units), row 0 at the top; cell (i, j) is x-column i, y-row j. */
export function gridPotential(potential: Potential, models: LoadedModel[], t: number, beta: number, e: Extent): Float32Array {
  const std = models[0].meta.standardization;
  const pts = new Float32Array(2 * GRID * GRID);
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      const k = j * GRID + i;
      const [x, y] = cellCentre(e, i, j);
      pts[2 * k] = (x - std.mean[0]) / std.scale;
      pts[2 * k + 1] = (y - std.mean[1]) / std.scale;
    }
  }
  const u = tf.tidy(() => potential.evaluate(tf.tensor2d(pts, [GRID * GRID, 2]), t).u.mul(beta));
  const out = Float32Array.from(u.dataSync());
  u.dispose();
  return out;
}

/** Data coordinates of the centre of cell (i, j) (j counts from the top). */
export function cellCentre(e: Extent, i: number, j: number): [number, number] {
  return [e.x0 + ((i + 0.5) / GRID) * (e.x1 - e.x0), e.y1 - ((j + 0.5) / GRID) * (e.y1 - e.y0)];
}

/** log(target / cloud) on the grid, both normalised over it: the target exp(−βU), the cloud a Gaussian kernel estimate of the (weighted) particles. */
export function reactionLogRatio(betaU: Float32Array, e: Extent, points: Float32Array, weights?: Float64Array): Float32Array {
  const n = points.length / 2;
  const h = 0.04 * (e.x1 - e.x0);
  const cell = (e.x1 - e.x0) / GRID;
  const reach = Math.ceil((3 * h) / cell);
  const rho = new Float64Array(GRID * GRID);
  // Each particle spreads its weight over the cells within 3 bandwidths: O(N·reach²), not O(N·GRID²).
  for (let p = 0; p < n; p++) {
    const w = weights ? weights[p] : 1 / n;
    const ci = Math.floor(((points[2 * p] - e.x0) / (e.x1 - e.x0)) * GRID);
    const cj = Math.floor(((e.y1 - points[2 * p + 1]) / (e.y1 - e.y0)) * GRID);
    for (let j = Math.max(0, cj - reach); j <= Math.min(GRID - 1, cj + reach); j++) {
      for (let i = Math.max(0, ci - reach); i <= Math.min(GRID - 1, ci + reach); i++) {
        const [x, y] = cellCentre(e, i, j);
        rho[j * GRID + i] += w * Math.exp(-((x - points[2 * p]) ** 2 + (y - points[2 * p + 1]) ** 2) / (2 * h * h));
      }
    }
  }
  const logTarget = normalisedLog(Float64Array.from(betaU, (v) => -v));
  const rhoTotal = rho.reduce((a, b) => a + b, 0) || 1;
  // Where neither the target nor the cloud holds a tenth of a uniform cell's share, nothing
  // happens (0: white), instead of a ratio of two negligible numbers.
  const negligible = 0.1 / (GRID * GRID);
  return Float32Array.from(logTarget, (lt, k) => {
    const cloud = rho[k] / rhoTotal;
    if (Math.exp(lt) < negligible && cloud < negligible) return 0;
    return lt - Math.log(cloud + negligible / 100);
  });
}

/** log of exp(v) normalised to sum 1 over the grid. */
function normalisedLog(v: Float64Array): Float64Array {
  const max = v.reduce((a, b) => Math.max(a, b), -Infinity);
  const logSum = max + Math.log(v.reduce((a, b) => a + Math.exp(b - max), 0));
  return v.map((x) => x - logSum);
}

/** The mode masses of the law the weights aim at at time t: exp(−β·ΣU_exact(·, t)) (the target itself as t → 0). */
export type ExactPath = (t: number) => number[];

/**
 * Known when every factor is a built-in Gaussian mixture (the exact potentials summed, on a grid
 * that widens with the marginal's spread, as for the checkpoint's own measurement), or for one
 * double-well model at β = 1 (the 1D convolution of its x-marginal).
 */
export function exactPath(models: LoadedModel[], dataset: Dataset | undefined, beta: number): ExactPath | undefined {
  if (!dataset?.modes) return undefined;
  const sde = models[0].sde;
  const std = models[0].meta.standardization;
  if (!dataset.mixture) return models.length === 1 && beta === 1 && dataset.name === 'double-well' ? (t) => exactModeMasses(dataset, sde, t, std) : undefined;
  const parts = models.map((m) => DATASETS[m.meta.dataset.name]?.mixture);
  if (parts.some((p) => !p)) return undefined;
  const exact = parts.map((m) => new ExactPotential(standardizeMixture(m!, std), sde));
  const potential = exact.length === 1 ? exact[0] : new SumPotential(exact);
  return (t) => {
    const half = 4 * Math.max(1, Math.sqrt(sde.alpha(t) ** 2 + sde.sigma(t) ** 2));
    return potentialModeMasses(potential, t, dataset, std, { half, size: 100 }, beta);
  };
}

/** Where to write each mode's label: the component means of a mixture, else the centroid of a draw's points in each mode. */
export function modeCentres(dataset: Dataset, draw: Float32Array): [number, number][] {
  if (dataset.mixture) return dataset.mixture.means.map(([x, y]) => [x, y]);
  const modes = dataset.modes!;
  const sum = modes.names.map(() => [0, 0, 0]);
  for (let i = 0; i < draw.length; i += 2) {
    const s = sum[modes.assign(draw[i], draw[i + 1])];
    s[0] += draw[i];
    s[1] += draw[i + 1];
    s[2]++;
  }
  return sum.map(([x, y, c]) => (c ? [x / c, y / c] : [NaN, NaN]));
}
