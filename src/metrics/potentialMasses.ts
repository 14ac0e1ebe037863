// How much mass the model's own density exp(−U(·, t)) puts on each mode, against the exact
// marginal p_t (docs/math.md §4c). DSM pins down only ∇ₓU, so offsets between separated modes
// are free and these masses drift at small t; this is what limits the weights' t_off.
// Both densities are integrated on the same grid, so grid error cancels in the comparison.

import * as tf from '@tensorflow/tfjs';
import { DOUBLE_WELL_GRID, doubleWellV, type Dataset } from '../data/datasets.js';
import type { Standardization } from '../data/standardize.js';
import { ExactPotential, standardizeMixture } from '../model/exact.js';
import type { Potential } from '../model/potential.js';
import { marginalVariance, type SDE } from '../sde.js';

export const MASS_TIMES = [0.5, 0.2, 0.1, 0.05, 0.02, 0.005];

export interface MassGrid {
  /** Half-width of the square grid in standardised units, and points per side. */
  half: number;
  size: number;
}

export const DEFAULT_MASS_GRID: MassGrid = { half: 4, size: 240 };

function gridPoints(g: MassGrid): Float32Array {
  const pts = new Float32Array(2 * g.size * g.size);
  for (let i = 0; i < g.size; i++) {
    for (let j = 0; j < g.size; j++) {
      const k = i * g.size + j;
      pts[2 * k] = -g.half + ((i + 0.5) * 2 * g.half) / g.size;
      pts[2 * k + 1] = -g.half + ((j + 0.5) * 2 * g.half) / g.size;
    }
  }
  return pts;
}

/**
 * The work below runs as generators that yield between blocks of potential evaluations (each a
 * few ms), so a caller can pause there: the CLI lets its signal handlers run, and a Ctrl-C during
 * the seconds-long cut-off measurement is seen at once. The plain functions run them through.
 */
type Steps<T> = Generator<void, T, void>;

/** Runs a generator to its end, without pausing. */
export function drain<T>(g: Steps<T>): T {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}

/** Runs a generator to its end, awaiting `pause` at every yield (which may throw to abandon it). */
export async function drainPaused<T>(g: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    await pause();
  }
}

/** Rows per block of potential evaluations (one block takes ~15 ms on the default network, wasm). */
const BLOCK = 4096;

/** Mode masses of exp(−β·U(·, t)) on the grid (β = 1: the model's own); modes assigned in data coordinates. */
export function potentialModeMasses(p: Potential, t: number, dataset: Dataset, s: Standardization, g = DEFAULT_MASS_GRID, beta = 1): number[] {
  return drain(modeMassSteps(p, t, dataset, s, g, beta));
}

function* modeMassSteps(p: Potential, t: number, dataset: Dataset, s: Standardization, g: MassGrid, beta: number): Steps<number[]> {
  const modes = dataset.modes;
  if (!modes) throw new Error(`${dataset.name} has no modes`);
  const pts = gridPoints(g);
  const u = new Float64Array(pts.length / 2);
  for (let start = 0; start < u.length; start += BLOCK) {
    const size = Math.min(BLOCK, u.length - start);
    const vals = tf.tidy(() => p.evaluate(tf.tensor2d(pts.subarray(2 * start, 2 * (start + size)), [size, 2]), t).u);
    u.set(vals.dataSync(), start);
    vals.dispose();
    yield;
  }
  const uMin = u.reduce((a, b) => Math.min(a, b), Infinity);
  const masses = new Array(modes.names.length).fill(0);
  let total = 0;
  for (let k = 0; k < u.length; k++) {
    const w = Math.exp(-beta * (u[k] - uMin));
    masses[modes.assign(pts[2 * k] * s.scale + s.mean[0], pts[2 * k + 1] * s.scale + s.mean[1])] += w;
    total += w;
  }
  return masses.map((m) => m / total);
}

/**
 * Exact mode masses of p_t: for a Gaussian mixture, from its exact potential on the same grid;
 * for double-well, P(x_t on each side) from the 1D convolution of the x-marginal.
 */
export function exactModeMasses(dataset: Dataset, sde: SDE, t: number, s: Standardization, g = DEFAULT_MASS_GRID): number[] {
  return drain(exactMassSteps(dataset, sde, t, s, g));
}

function* exactMassSteps(dataset: Dataset, sde: SDE, t: number, s: Standardization, g: MassGrid): Steps<number[]> {
  // The exact side does not depend on the model: a training run checking its masses every few
  // hundred steps would recompute it each time (0.4–1 s of a 3 s check on 8–40 modes).
  const key = JSON.stringify([sde.name, sde.params, t, s.mean, s.scale, g.half, g.size]);
  let memo = EXACT_MEMO.get(dataset);
  if (!memo) EXACT_MEMO.set(dataset, (memo = new Map()));
  const known = memo.get(key);
  if (known) return known.slice();
  let masses: number[];
  if (dataset.mixture) masses = yield* modeMassSteps(new ExactPotential(standardizeMixture(dataset.mixture, s), sde), t, dataset, s, g, 1);
  else if (dataset.name === 'double-well') masses = [doubleWellLeftMass(sde, t, s), 1 - doubleWellLeftMass(sde, t, s)];
  else throw new Error(`no exact mode masses for ${dataset.name}`);
  if (memo.size >= EXACT_MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(key, masses.slice());
  return masses;
}

/** Exact mode masses already computed, by dataset, then SDE, time, frame and grid (oldest dropped first). */
const EXACT_MEMO = new WeakMap<Dataset, Map<string, number[]>>();
const EXACT_MEMO_SIZE = 64;

/** P(x_t < 0 in data units) for double-well: E_x₀[Φ((b − α·x̃₀)/σ)] in standardised units. */
function doubleWellLeftMass(sde: SDE, t: number, s: Standardization): number {
  const { lo, hi } = DOUBLE_WELL_GRID;
  const n = 20_001;
  const dx = (hi - lo) / (n - 1);
  const a = sde.alpha(t);
  const sig = sde.sigma(t);
  const b = -s.mean[0] / s.scale;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const x = lo + i * dx;
    const w = Math.exp(-doubleWellV(x));
    num += w * normalCdf((b - (a * (x - s.mean[0])) / s.scale) / sig);
    den += w;
  }
  return num / den;
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes erfcc: fractional error < 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export interface MassReport {
  t: number;
  model: number[];
  exact: number[];
  error: number;
}

export function massErrors(p: Potential, dataset: Dataset, sde: SDE, s: Standardization, times = MASS_TIMES, g = DEFAULT_MASS_GRID): MassReport[] {
  return drain(massErrorSteps(p, dataset, sde, s, times, g));
}

/** massErrors, awaiting `pause` between blocks of work (it may throw to abandon the measurement). */
export function massErrorsPaused(pause: () => Promise<void>, p: Potential, dataset: Dataset, sde: SDE, s: Standardization, times = MASS_TIMES, g = DEFAULT_MASS_GRID): Promise<MassReport[]> {
  return drainPaused(massErrorSteps(p, dataset, sde, s, times, g), pause);
}

function* massErrorSteps(p: Potential, dataset: Dataset, sde: SDE, s: Standardization, times: number[], g: MassGrid): Steps<MassReport[]> {
  const out: MassReport[] = [];
  for (const t of times) {
    // The grid widens with the marginal's spread √(α_t² + σ_t²) (1 under VP; up to σ_max under
    // VE), so that it holds p_t's mass at high noise instead of truncating both densities.
    const grid = { ...g, half: g.half * Math.max(1, Math.sqrt(marginalVariance(sde, t).v)) };
    const model = yield* modeMassSteps(p, t, dataset, s, grid, 1);
    const exact = yield* exactMassSteps(dataset, sde, t, s, grid);
    out.push({ t, model, exact, error: model.reduce((acc, m, k) => acc + Math.abs(m - exact[k]), 0) });
  }
  return out;
}
