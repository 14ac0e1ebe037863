// Distances between a sample set X (optionally weighted) and a reference Y, in plain float64 JS
// (browser-safe, exact, fast enough at n ≤ ~5000): MMD² with a mixture of RBF kernels, energy
// distance, sliced Wasserstein-2 and k-NN precision/recall (docs/math.md §7). All V-statistics, so a
// weighted set scores exactly like the expectation over its resamplings (test/metrics.test.ts).

import type { Points } from '../data/datasets.js';
import { Rng } from '../rng.js';

export interface WeightedPoints {
  points: Points;
  weights?: ArrayLike<number>;
}

const uniformWeights = (n: number) => new Float64Array(n).fill(1 / n);
const weightsOf = (s: WeightedPoints) => s.weights ?? uniformWeights(s.points.length / 2);

/** Σᵢⱼ aᵢbⱼ·k(‖xᵢ − yⱼ‖²) for a kernel of the squared distance. */
function pairSum(a: WeightedPoints, b: WeightedPoints, k: (d2: number) => number): number {
  const [pa, pb] = [a.points, b.points];
  const [wa, wb] = [weightsOf(a), weightsOf(b)];
  let total = 0;
  for (let i = 0; i < wa.length; i++) {
    if (wa[i] === 0) continue;
    const [xi, yi] = [pa[2 * i], pa[2 * i + 1]];
    let row = 0;
    for (let j = 0; j < wb.length; j++) row += wb[j] * k((xi - pb[2 * j]) ** 2 + (yi - pb[2 * j + 1]) ** 2);
    total += wa[i] * row;
  }
  return total;
}

/** Median pairwise distance of (up to 1000 points of) a set: the MMD base bandwidth. */
export function medianDistance(p: Points): number {
  const n = Math.min(1000, p.length / 2);
  const d: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) d.push(Math.hypot(p[2 * i] - p[2 * j], p[2 * i + 1] - p[2 * j + 1]));
  d.sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)];
}

/**
 * Biased MMD² with the kernel Σ_s exp(−d²/(2(s·h)²)), s ∈ {¼, ½, 1, 2, 4}, h the reference's
 * median distance. One exp per pair: the narrower kernels are repeated 4th powers of the widest.
 */
export function mmd2(x: WeightedPoints, ref: WeightedPoints, h = medianDistance(ref.points)): number {
  const c = 1 / (2 * (4 * h) ** 2);
  const k = (d2: number) => {
    const e4 = Math.exp(-d2 * c); // s = 4
    const e2 = (e4 * e4) ** 2; //     s = 2
    const e1 = (e2 * e2) ** 2; //     s = 1
    const eh = (e1 * e1) ** 2; //     s = ½
    const eq = (eh * eh) ** 2; //     s = ¼
    return e4 + e2 + e1 + eh + eq;
  };
  return pairSum(x, x, k) + pairSum(ref, ref, k) - 2 * pairSum(x, ref, k);
}

/** Energy distance 2E‖X − Y‖ − E‖X − X'‖ − E‖Y − Y'‖ (V-statistic). */
export function energyDistance(x: WeightedPoints, ref: WeightedPoints): number {
  const k = Math.sqrt;
  return 2 * pairSum(x, ref, k) - pairSum(x, x, k) - pairSum(ref, ref, k);
}

/** W2² between two weighted 1D empirical laws, by walking both quantile functions. */
export function wasserstein1d(a: Float64Array, wa: ArrayLike<number>, b: Float64Array, wb: ArrayLike<number>): number {
  const ia = Array.from(a.keys()).sort((i, j) => a[i] - a[j]);
  const ib = Array.from(b.keys()).sort((i, j) => b[i] - b[j]);
  let [p, q] = [0, 0];
  let [ra, rb] = [wa[ia[0]], wb[ib[0]]];
  let total = 0;
  while (p < ia.length && q < ib.length) {
    const m = Math.min(ra, rb);
    total += m * (a[ia[p]] - b[ib[q]]) ** 2;
    ra -= m;
    rb -= m;
    if (ra <= 1e-15) ra = ++p < ia.length ? wa[ia[p]] : 0;
    if (rb <= 1e-15) rb = ++q < ib.length ? wb[ib[q]] : 0;
  }
  return total;
}

/** Sliced W2: √(mean over random directions of W2² of the projections). Directions are seeded. */
export function slicedW2(x: WeightedPoints, ref: WeightedPoints, projections = 256, seed = 0): number {
  const rng = new Rng(seed, 'sliced-w2');
  const [wx, wr] = [weightsOf(x), weightsOf(ref)];
  const project = (p: Points, c: number, s: number) => Float64Array.from({ length: p.length / 2 }, (_, i) => c * p[2 * i] + s * p[2 * i + 1]);
  let total = 0;
  for (let l = 0; l < projections; l++) {
    const th = Math.PI * rng.uniform();
    const [c, s] = [Math.cos(th), Math.sin(th)];
    total += wasserstein1d(project(x.points, c, s), wx, project(ref.points, c, s), wr);
  }
  return Math.sqrt(total / projections);
}

/** Distance from each point of `p` (its support: weight > 0) to its k-th nearest other point. */
function knnRadii(p: Points, k: number, support: number[]): Float64Array {
  const r = new Float64Array(p.length / 2).fill(Infinity);
  const best = new Float64Array(k); // the k smallest squared distances so far, ascending
  for (const i of support) {
    best.fill(Infinity);
    for (const j of support) {
      if (j === i) continue;
      const d = (p[2 * i] - p[2 * j]) ** 2 + (p[2 * i + 1] - p[2 * j + 1]) ** 2;
      if (d >= best[k - 1]) continue;
      let m = k - 1;
      while (m > 0 && best[m - 1] > d) best[m] = best[--m];
      best[m] = d;
    }
    r[i] = Math.sqrt(best[k - 1]);
  }
  return r;
}

/** Weight of the points of `a` that fall inside some k-NN ball of `b` (radius of b's point). */
function coverage(a: WeightedPoints, b: Points, radii: Float64Array, bSupport: number[]): number {
  const wa = weightsOf(a);
  let total = 0;
  for (let i = 0; i < wa.length; i++) {
    if (wa[i] === 0) continue;
    const [x, y] = [a.points[2 * i], a.points[2 * i + 1]];
    if (bSupport.some((j) => (x - b[2 * j]) ** 2 + (y - b[2 * j + 1]) ** 2 <= radii[j] ** 2)) total += wa[i];
  }
  return total;
}

/**
 * k-NN precision (weight of samples inside the reference manifold) and recall (fraction of
 * reference points inside the samples' manifold), Kynkäänniemi et al. 2019, k = 5. The samples'
 * manifold is built from the points that carry weight.
 */
export function precisionRecall(x: WeightedPoints, ref: Points, k = 5): { precision: number; recall: number } {
  const wx = weightsOf(x);
  const xSupport = Array.from({ length: wx.length }, (_, i) => i).filter((i) => wx[i] > 0);
  const refSupport = Array.from({ length: ref.length / 2 }, (_, i) => i);
  const precision = coverage(x, ref, knnRadii(ref, k, refSupport), refSupport);
  const recall = coverage({ points: ref }, x.points, knnRadii(x.points, k, xSupport), xSupport);
  return { precision, recall };
}
