// The exact assignment solver behind W1/W2: equal to brute force over all permutations on small
// sets and to a plain O(n³) Hungarian on clustered, mass-mismatched sets; the sorted matching on a
// line; translation and rotation invariance; W of a translate is the shift; the certified gap is
// tiny; and a deliberately inexact run (large ε) is caught by the same brute-force check.
import { describe, expect, it } from 'vitest';
import { solveAssignment, type TransportCost } from '../src/metrics/assignment.js';
import { Rng } from '../src/rng.js';

const pairCost = (a: ArrayLike<number>, b: ArrayLike<number>, i: number, j: number, kind: TransportCost) => {
  const d2 = (a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2;
  return kind === 'squared' ? d2 : Math.sqrt(d2);
};
const meanCost = (a: ArrayLike<number>, b: ArrayLike<number>, m: ArrayLike<number>, kind: TransportCost) =>
  Array.from(m).reduce((t, j, i) => t + pairCost(a, b, i, j, kind), 0) / m.length;

/** Min over all n! permutations (Heap's algorithm), as a mean cost. */
function bruteForce(a: ArrayLike<number>, b: ArrayLike<number>, kind: TransportCost): number {
  const n = a.length / 2;
  const p = Array.from({ length: n }, (_, i) => i);
  const c = new Array(n).fill(0);
  let best = meanCost(a, b, p, kind);
  for (let i = 1; i < n; ) {
    if (c[i] < i) {
      const k = i % 2 ? c[i] : 0;
      [p[k], p[i]] = [p[i], p[k]];
      best = Math.min(best, meanCost(a, b, p, kind));
      c[i]++;
      i = 1;
    } else c[i++] = 0;
  }
  return best;
}

/** Textbook O(n³) Hungarian on the dense matrix (potentials + shortest augmenting paths). */
function hungarian(a: ArrayLike<number>, b: ArrayLike<number>, kind: TransportCost): number {
  const n = a.length / 2;
  const [u, v, way] = [new Float64Array(n + 1), new Float64Array(n + 1), new Int32Array(n + 1)];
  const rowOf = new Int32Array(n + 1); // column j (1-based) → row (1-based), 0 = free
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = rowOf[j0];
      let [delta, j1] = [Infinity, 0];
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = pairCost(a, b, i0 - 1, j - 1, kind) - u[i0] - v[j];
        if (cur < minv[j]) [minv[j], way[j]] = [cur, j0];
        if (minv[j] < delta) [delta, j1] = [minv[j], j];
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) [u[rowOf[j]], v[j]] = [u[rowOf[j]] + delta, v[j] - delta];
        else minv[j] -= delta;
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0];
      rowOf[j0] = rowOf[j1];
      j0 = j1;
    } while (j0);
  }
  let total = 0;
  for (let j = 1; j <= n; j++) total += pairCost(a, b, rowOf[j] - 1, j - 1, kind);
  return total / n;
}

function gaussianSet(rng: Rng, n: number, sd: number, shift = 0): Float64Array {
  return rng.normals(new Float64Array(2 * n)).map((z) => shift + sd * z);
}

/** n points on a few clusters with the given weights (sampled), for mass-mismatch cases. */
function clusters(rng: Rng, n: number, centres: number[][], weights: number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0);
  const p = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    let [u, m] = [rng.uniform() * total, 0];
    while (m < weights.length - 1 && u >= weights[m]) u -= weights[m++];
    p[2 * i] = centres[m][0] + rng.normal();
    p[2 * i + 1] = centres[m][1] + rng.normal();
  }
  return p;
}

const KINDS: TransportCost[] = ['euclidean', 'squared'];

describe('exact assignment', () => {
  it('equals brute force over all permutations (n ≤ 8, 80 seeds, both costs)', () => {
    for (let seed = 0; seed < 80; seed++) {
      const rng = new Rng(seed, 'assignment-brute');
      const n = seed < 4 ? seed + 1 : 2 + (seed % 6) + (seed % 20 === 0 ? 1 : 0);
      const [a, b] = [gaussianSet(rng, n, 3), gaussianSet(rng, n, 3, seed % 3)];
      for (const kind of KINDS) expect(solveAssignment(a, b, kind).cost, `seed ${seed} ${kind}`).toBeCloseTo(bruteForce(a, b, kind), 10);
    }
  });

  it('equals a dense Hungarian on clustered sets whose cluster masses differ (n = 150)', () => {
    const centres = [[-30, -30], [30, -25], [0, 30], [25, 25]];
    for (let seed = 0; seed < 3; seed++) {
      const rng = new Rng(seed, 'assignment-hungarian');
      const a = clusters(rng, 150, centres, [6, 1, 1, 1]); // most mass on one cluster
      const b = clusters(rng, 150, centres, [1, 1, 1, 1]);
      for (const kind of KINDS) expect(solveAssignment(a, b, kind).cost, `seed ${seed} ${kind}`).toBeCloseTo(hungarian(a, b, kind), 9);
    }
  });

  it('on a line is the sorted matching, for both costs, also on a rotated line', () => {
    const rng = new Rng(1, 'assignment-line');
    const n = 150;
    const [s, t] = [Float64Array.from({ length: n }, () => 10 * rng.normal()).sort(), Float64Array.from({ length: n }, () => 3 + 5 * rng.normal()).sort()];
    for (const th of [0, 0.7]) {
      const line = (z: Float64Array) => Float64Array.from({ length: 2 * n }, (_, k) => z[k >> 1] * (k % 2 ? Math.sin(th) : Math.cos(th)));
      const [a, b] = [line(s), line(t)];
      for (const kind of KINDS) {
        const sorted = s.reduce((tot, x, i) => tot + (kind === 'squared' ? (x - t[i]) ** 2 : Math.abs(x - t[i])), 0) / n;
        expect(solveAssignment(a, b, kind).cost, `${kind} θ=${th}`).toBeCloseTo(sorted, 9);
      }
    }
  });

  it('is unchanged by translating both sets, and W of a set and its translate is the shift', () => {
    const rng = new Rng(2, 'assignment-invariance');
    const a = gaussianSet(rng, 200, 5);
    const b = clusters(rng, 200, [[-10, 0], [10, 5]], [3, 1]);
    const shift = (p: Float64Array, dx: number, dy: number) => p.map((v, k) => v + (k % 2 ? dy : dx));
    for (const kind of KINDS) {
      const base = solveAssignment(a, b, kind).cost;
      expect(solveAssignment(shift(a, 17, -4), shift(b, 17, -4), kind).cost).toBeCloseTo(base, 9);
    }
    // W1 and W2 of X and X + d are both |d|: the translation achieves it, and W2 ≥ W1 ≥ |E X − E Y| = |d|.
    const [w1, w2] = [solveAssignment(a, shift(a, 3, 4), 'euclidean').cost, Math.sqrt(solveAssignment(a, shift(a, 3, 4), 'squared').cost)];
    expect(w1).toBeCloseTo(5, 9);
    expect(w2).toBeCloseTo(5, 9);
  });

  it('returns a permutation whose mean cost is the reported one, with a certified gap ≤ 1e-9 × the largest cost', () => {
    const rng = new Rng(3, 'assignment-certificate');
    const a = clusters(rng, 400, [[-30, -30], [30, 30], [30, -30]], [5, 1, 1]);
    const b = clusters(rng, 400, [[-30, -30], [30, 30], [30, -30]], [1, 1, 1]);
    for (const kind of KINDS) {
      const r = solveAssignment(a, b, kind);
      expect(new Set(r.match).size).toBe(400);
      expect(meanCost(a, b, r.match, kind)).toBeCloseTo(r.cost, 12);
      const largest = kind === 'squared' ? 2 * 95 ** 2 : Math.SQRT2 * 95;
      expect(r.gap).toBeGreaterThanOrEqual(0);
      expect(r.gap).toBeLessThan(1e-9 * largest);
    }
  });

  it('mutation check: an inexact run (ε = 10% of the largest cost) is caught by the brute-force comparison', () => {
    let caught = 0;
    for (let seed = 0; seed < 40; seed++) {
      const rng = new Rng(seed, 'assignment-mutation');
      const [a, b] = [gaussianSet(rng, 7, 3), gaussianSet(rng, 7, 3, 1)];
      const loose = solveAssignment(a, b, 'euclidean', { relativeEpsilon: 0.1 }).cost;
      if (Math.abs(loose - bruteForce(a, b, 'euclidean')) > 1e-10) caught++;
    }
    expect(caught).toBeGreaterThan(0);
  });

  it('refuses sets of different sizes', () => {
    expect(() => solveAssignment([0, 0, 1, 1], [0, 0], 'euclidean')).toThrow(/equal-size/);
  });
});
