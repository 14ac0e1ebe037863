// The landscape under the particles: the target at time t, exp(−β·U(x, t)) of the model (the sum
// of both potentials for a product), on a coarse grid over the panel, evaluated in one tf.tidy;
// or βU itself; or the reaction's driving log-ratio log(target / cloud), where wfr creates mass
// (> 0) and removes it (< 0). Also what the bars compare with at time t: the mode masses of the
// exact intermediate target exp(−β·ΣU_exact(·, t)), where it is known (for a guided class, of the
// exact class and whole-law potentials in the guided product).

import type { LoadedModel } from '../src/checkpoint.js';
import { DATASETS, type Dataset } from '../src/data/datasets.js';
import { exactModeMasses, potentialModeMasses } from '../src/metrics/potentialMasses.js';
import { ExactPotential, standardizeMixture } from '../src/model/exact.js';
import { exactModel } from '../src/model/exactModel.js';
import { guideModel, type Guidance } from '../src/sampling/guidance.js';
import { SumPotential, type Potential } from '../src/model/potential.js';
import type { Extent } from './draw.js';
import { cellCentre, GRID, gridPotential as coreGridPotential, type Landscape } from '../src/render/landscape.js';

export { cellCentre, GRID, LANDSCAPES, type Landscape } from '../src/render/landscape.js';
export const LANDSCAPE_WORDS: Record<Landscape, string> = {
  density: 'target at t: exp(−βU)',
  potential: 'potential βU(x, t)',
  reaction: 'reaction: log(target / cloud)',
  none: 'none',
};

/** βU on the core's grid (src/render/landscape.ts) in the first model's frame. */
export function gridPotential(potential: Potential, models: LoadedModel[], t: number, beta: number, e: Extent): Float32Array {
  return coreGridPotential(potential, models[0].meta.standardization, t, beta, e);
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

/**
 * The same for a guided class: the exact potentials of the model's law (its class's and the whole
 * law's, in the model's SDE and frame) in the product (w, 1 − w) the guided sampler uses — known
 * when the model learned a built-in mixture; at t → 0 the tilted law's masses.
 */
export function exactGuidedPath(model: LoadedModel, g: Guidance, dataset: Dataset | undefined, beta: number): ExactPath | undefined {
  const name = model.meta.dataset.name;
  if (!dataset?.modes || !DATASETS[name]?.mixture) return undefined;
  const { sde, meta } = model;
  const exact = exactModel(name, { sde: sde.name, sdeParams: sde.params, frame: meta.standardization });
  const potential = guideModel(exact, g).potential;
  return (t) => {
    const half = 4 * Math.max(1, Math.sqrt(sde.alpha(t) ** 2 + sde.sigma(t) ** 2));
    return potentialModeMasses(potential, t, dataset, meta.standardization, { half, size: 100 }, beta);
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
