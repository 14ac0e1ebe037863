// Isotropic Gaussian mixtures as datasets: an exact sampler, nearest-centre modes, the exact
// mode masses of the annealed law p^β (numerical integration, docs/math.md §7), and the closed
// form of a product of mixtures — the targets with exact answers for annealing and products.

import { Rng } from '../rng.js';
import type { Dataset, Mixture, ModeSpec } from './types.js';

export type { Mixture };

export function mixtureDataset(name: string, mixture: Mixture): Dataset {
  const cumulative = cumsum(mixture.weights);
  // Labelled draws (the component each point came from: its class in conditional training); the
  // plain sampler is the same stream, so labels cost an unlabelled run nothing.
  const sampleLabeled = (rng: Rng, n: number) => {
    const points = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    const z = rng.normals(new Float64Array(2 * n));
    for (let i = 0; i < n; i++) {
      const k = pick(cumulative, rng.uniform());
      const [cx, cy] = mixture.means[k];
      labels[i] = k;
      points[2 * i] = cx + mixture.std * z[2 * i];
      points[2 * i + 1] = cy + mixture.std * z[2 * i + 1];
    }
    return { points, labels };
  };
  return {
    name,
    mixture,
    modes: nearestCentreModes(mixture),
    sample: (rng, n) => sampleLabeled(rng, n).points,
    sampleLabeled,
  };
}

// The masses a mode metric compares against are those of the cells, not the components'
// weights πₖ: overlapping components leak mass into each other's cells (blobs-x: 0.309, not
// 0.3). Computed on first use and kept per β.
function nearestCentreModes(m: Mixture): ModeSpec {
  const cache = new Map<number, number[]>();
  const masses = (beta: number) => {
    if (!cache.has(beta)) cache.set(beta, annealedCellMasses(m, beta));
    return cache.get(beta)!;
  };
  return {
    names: m.means.map(([x, y]) => `(${x.toFixed(2)}, ${y.toFixed(2)})`),
    get weights() {
      return masses(1).slice();
    },
    assign: (x, y) => nearestCentre(m.means, x, y),
    annealed: (beta) => masses(beta).slice(),
  };
}

export function nearestCentre(means: [number, number][], x: number, y: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let k = 0; k < means.length; k++) {
    const d = (x - means[k][0]) ** 2 + (y - means[k][1]) ** 2;
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

/** log p(x, y) of the mixture (stable log-sum-exp over components). */
export function mixtureLogDensity(m: Mixture, x: number, y: number): number {
  const v = m.std * m.std;
  const K = m.means.length;
  let top = -Infinity;
  for (let k = 0; k < K; k++) top = Math.max(top, Math.log(m.weights[k]) - ((x - m.means[k][0]) ** 2 + (y - m.means[k][1]) ** 2) / (2 * v));
  if (top === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < K; k++) s += Math.exp(Math.log(m.weights[k]) - ((x - m.means[k][0]) ** 2 + (y - m.means[k][1]) ** 2) / (2 * v) - top);
  return top + Math.log(s) - Math.log(2 * Math.PI * v);
}

/**
 * Mass of p^β/Z_β in each nearest-centre cell, by the midpoint rule on a grid of spacing
 * std/(6√β) over the means' box widened by 9 std/√β (p^β's components have std std/√β).
 * Inside a cell the rule converges spectrally; grid squares that a cell boundary may cross are
 * split 3×3, recursively, and the smallest (1/27 of the spacing) are shared across the boundary
 * by area. What is left is the midpoint rule's second-order term where a cell's integrand
 * stops: < 1e-4, systematically low (blobs-x: 4e-5 at β = 1, 7e-5 at β = 0.5; test/mixture.test.ts checks closed forms).
 * πₖ^β/Σπ^β is only the limit for separated modes of one shape.
 */
/** Cells × components annealedCellMasses evaluates at most (gmm40 at β = 3: 9·10⁶, 2 s). */
export const MAX_MASS_WORK = 1e8;
/** p^β may spread at most this many times the means' box: beyond, the cells' boundaries are lost to rounding. */
const MAX_SPREAD_RATIO = 1e6;

/**
 * The exact masses' grid for β, bounded before any work: its cells grow as β (spacing ∝ 1/√β),
 * and for tiny β it spreads so far that positions no longer resolve the distances between means.
 */
function checkAnnealingGrid(m: Mixture, beta: number, spread: number): void {
  const mx = m.means.map((c) => c[0]);
  const my = m.means.map((c) => c[1]);
  const box = Math.max(Math.max(...mx) - Math.min(...mx), Math.max(...my) - Math.min(...my), m.std);
  if (9 * spread > MAX_SPREAD_RATIO * box) {
    const least = Number(((9 * m.std) / (MAX_SPREAD_RATIO * box)) ** 2).toPrecision(2);
    throw new Error(`β = ${beta} is too small for exact mode masses: p^β spreads over ${(9 * spread).toPrecision(2)} units, where rounding loses its modes' boundaries; β ≥ ${least}`);
  }
  const h = spread / 6;
  // Per component: cells along x and along y (no product, which may overflow).
  const cells = [Math.max(...mx) - Math.min(...mx), Math.max(...my) - Math.min(...my)].map((w) => (w + 18 * spread) / h);
  const ratio = MAX_MASS_WORK / cells[0] / cells[1] / m.means.length;
  if (!(ratio >= 1)) {
    throw new Error(`β = ${beta}: the exact mode masses of p^β need ${(1 / ratio).toPrecision(2)}× the ${MAX_MASS_WORK.toPrecision(1)} grid-cell evaluations computed (about 20 s); β ≤ ${Number((beta * ratio).toPrecision(2))} is within it for this law`);
  }
}

export function annealedCellMasses(m: Mixture, beta: number, o: { resolution?: number; depth?: number } = {}): number[] {
  if (!(beta > 0)) throw new Error(`β must be > 0, got ${beta}`);
  checkAnnealingGrid(m, beta, m.std / Math.sqrt(beta));
  const logW = m.weights.map(Math.log);
  const c = 1 / (2 * m.std * m.std);
  // Densities are taken relative to the highest component peak so exp stays finite.
  const peak = Math.max(...logW);
  const terms = new Float64Array(logW.length);
  const logf = (x: number, y: number) => {
    // log Σ exp(log wₖ − peak − c·dₖ), relative to its largest term: far out (tiny β widens the
    // grid to where every term underflows) the sum would be 0 and every mass NaN.
    let top = -Infinity;
    for (let k = 0; k < logW.length; k++) {
      terms[k] = logW[k] - peak - c * ((x - m.means[k][0]) ** 2 + (y - m.means[k][1]) ** 2);
      top = Math.max(top, terms[k]);
    }
    let s = 0;
    for (let k = 0; k < logW.length; k++) s += Math.exp(terms[k] - top);
    return beta * (top + Math.log(s));
  };
  return cellMasses(m.means, m.std / Math.sqrt(beta), logf, o);
}

/**
 * Mass of the law ∝ exp(logf) in each nearest-centre cell of `means`: the integration of
 * annealedCellMasses for any smooth density whose modes have width about `spread` (grid spacing
 * spread/6 over the means' box widened by 9·spread, boundary squares split 3×3 `depth` times).
 * `logf` should be ≤ about 0 at its peaks so that exp stays finite.
 */
export function cellMasses(means: [number, number][], spread: number, logf: (x: number, y: number) => number, o: { resolution?: number; depth?: number } = {}): number[] {
  const K = means.length;
  const h = spread / (o.resolution ?? 6);
  const depth = o.depth ?? 3;
  const pad = 9 * spread;
  const mx = means.map((c) => c[0]);
  const my = means.map((c) => c[1]);
  const [x0, y0] = [Math.min(...mx) - pad, Math.min(...my) - pad];
  const nx = Math.ceil((Math.max(...mx) + pad - x0) / h);
  const ny = Math.ceil((Math.max(...my) + pad - y0) / h);
  const mass = new Float64Array(K);
  const square = (x: number, y: number, side: number, level: number): void => {
    let [near, second, d1, d2] = [0, 0, Infinity, Infinity];
    for (let k = 0; k < K; k++) {
      const d = (x - mx[k]) ** 2 + (y - my[k]) ** 2;
      if (d < d1) [second, d2, near, d1] = [near, d1, k, d];
      else if (d < d2) [second, d2] = [k, d];
    }
    const area = Math.exp(logf(x, y)) * side * side;
    // Signed distance from x to the bisector of the two nearest centres: the square
    // (half-diagonal side/√2) may be cut by a cell boundary only when it is below that.
    const gap = K > 1 ? (d2 - d1) / (2 * Math.hypot(mx[near] - mx[second], my[near] - my[second])) : Infinity;
    if (gap >= side / Math.SQRT2 || !(area >= 1e-12 * h * h)) {
      if (area > 0) mass[near] += area;
    } else if (level < depth) {
      const sub = side / 3;
      for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) square(x + a * sub, y + b * sub, sub, level + 1);
    } else {
      // Smallest squares: split by the straight boundary (exact when it is axis-parallel).
      const f = Math.min(1, 0.5 + gap / side);
      mass[near] += f * area;
      mass[second] += (1 - f) * area;
    }
  };
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) square(x0 + (i + 0.5) * h, y0 + (j + 0.5) * h, h, 0);
  const total = mass.reduce((a, b) => a + b, 0);
  return Array.from(mass, (v) => v / total);
}

/**
 * log ∫p^β dx of the mixture, by the midpoint rule on the grid of annealedCellMasses (spacing
 * std/(6√β), the means' box widened by 9 std/√β): spectrally accurate for these smooth,
 * rapidly decaying integrands. The normalising constant the Feynman–Kac weights estimate.
 */
export function annealedLogNormalizer(m: Mixture, beta: number): number {
  if (!(beta > 0)) throw new Error(`β must be > 0, got ${beta}`);
  const spread = m.std / Math.sqrt(beta);
  const h = spread / 6;
  const pad = 9 * spread;
  const [x0, x1] = [Math.min(...m.means.map((c) => c[0])) - pad, Math.max(...m.means.map((c) => c[0])) + pad];
  const [y0, y1] = [Math.min(...m.means.map((c) => c[1])) - pad, Math.max(...m.means.map((c) => c[1])) + pad];
  checkAnnealingGrid(m, beta, spread);
  const logs: number[] = [];
  for (let x = x0 + h / 2; x < x1; x += h) for (let y = y0 + h / 2; y < y1; y += h) logs.push(beta * mixtureLogDensity(m, x, y));
  const top = Math.max(...logs);
  return top + Math.log(logs.reduce((a, l) => a + Math.exp(l - top), 0) * h * h);
}

/**
 * ∏ᵢ pᵢ / Z for isotropic mixtures, again a mixture (one component per choice of a component
 * from each factor): with precisions 1/vᵢ the product of N(x; μᵢ, vᵢ) is Z·N(x; m, v), where
 * 1/v = Σ1/vᵢ, m = v·Σμᵢ/vᵢ and log Z = log N-normalisers + ½(‖m‖²/v − Σ‖μᵢ‖²/vᵢ). Components
 * carrying < 1e-12 of the mass are dropped.
 */
export function productMixture(factors: Mixture[]): Mixture {
  if (factors.length === 0) throw new Error('a product needs at least one factor');
  const vs = factors.map((f) => f.std * f.std);
  const v = 1 / vs.reduce((s, vi) => s + 1 / vi, 0);
  const parts: { mean: [number, number]; logW: number }[] = [];
  const walk = (i: number, sx: number, sy: number, sq: number, logW: number): void => {
    if (i === factors.length) {
      const mean: [number, number] = [v * sx, v * sy];
      const logNorm = vs.reduce((s, vi) => s - Math.log(2 * Math.PI * vi), 0) + Math.log(2 * Math.PI * v);
      parts.push({ mean, logW: logW + logNorm + 0.5 * ((mean[0] ** 2 + mean[1] ** 2) / v - sq) });
      return;
    }
    factors[i].means.forEach(([mx, my], k) =>
      walk(i + 1, sx + mx / vs[i], sy + my / vs[i], sq + (mx * mx + my * my) / vs[i], logW + Math.log(factors[i].weights[k])),
    );
  };
  walk(0, 0, 0, 0, 0);
  const top = Math.max(...parts.map((p) => p.logW));
  const w = parts.map((p) => Math.exp(p.logW - top));
  const total = w.reduce((a, b) => a + b, 0);
  const kept = parts.map((p, k) => ({ mean: p.mean, w: w[k] / total })).filter((p) => p.w >= 1e-12);
  const keptTotal = kept.reduce((s, p) => s + p.w, 0);
  return { means: kept.map((p) => p.mean), weights: kept.map((p) => p.w / keptTotal), std: Math.sqrt(v) };
}

/** Means uniform in the square [−half, half]², from a fixed named stream (a dataset's definition, not a run's seed). */
export function uniformMeans(count: number, half: number, stream: string): [number, number][] {
  const rng = new Rng(0, stream);
  return Array.from({ length: count }, (): [number, number] => [half * (2 * rng.uniform() - 1), half * (2 * rng.uniform() - 1)]);
}

function cumsum(w: number[]): number[] {
  let s = 0;
  return w.map((v) => (s += v));
}

function pick(cumulative: number[], u: number): number {
  const total = cumulative[cumulative.length - 1];
  for (let k = 0; k < cumulative.length; k++) if (u * total < cumulative[k]) return k;
  return cumulative.length - 1;
}
