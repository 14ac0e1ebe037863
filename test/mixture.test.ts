// The targets with exact answers for composition and annealing (src/data/mixture.ts): the
// closed-form product of mixtures against brute-force integration, and the cell masses of p^β
// against masses derived by hand for mixtures where Φ gives them exactly.
import { describe, expect, it } from 'vitest';
import { getDataset, productDataset } from '../src/data/datasets.js';
import { annealedCellMasses, mixtureLogDensity, productMixture, type Mixture } from '../src/data/mixture.js';
import { Rng } from '../src/rng.js';

// Φ by Simpson's rule on [0, |z|] with 4000 intervals (error < 1e-12 for |z| ≤ 4).
function Phi(z: number): number {
  const n = 4000;
  const h = Math.abs(z) / n;
  let s = 0;
  for (let i = 0; i <= n; i++) s += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * Math.exp(-((i * h) ** 2) / 2);
  const half = (s * h) / 3 / Math.sqrt(2 * Math.PI);
  return z >= 0 ? 0.5 + half : 0.5 - half;
}

const blobsX = getDataset('blobs-x').mixture!;

describe('product of mixtures', () => {
  it('matches ∏pᵢ normalised by brute force on a grid (blobs-x × blobs-y × blobs-diagonal)', () => {
    const factors = ['blobs-x', 'blobs-y', 'blobs-diagonal'].map((n) => getDataset(n).mixture!);
    const prod = productMixture(factors);
    // Z = ∫∏pᵢ by the midpoint rule on [−8, 8]² (spacing 0.02: the product's std is 1/√3).
    const h = 0.02;
    let z = 0;
    for (let x = -8 + h / 2; x < 8; x += h) for (let y = -8 + h / 2; y < 8; y += h) z += Math.exp(factors.reduce((s, f) => s + mixtureLogDensity(f, x, y), 0));
    z *= h * h;
    const rng = new Rng(3, 'points');
    for (let i = 0; i < 20; i++) {
      const [x, y] = [4 * rng.uniform() - 2, 4 * rng.uniform() - 2];
      const brute = factors.reduce((s, f) => s + mixtureLogDensity(f, x, y), 0) - Math.log(z);
      expect(mixtureLogDensity(prod, x, y)).toBeCloseTo(brute, 6);
    }
    expect(prod.means.length).toBe(8);
    expect(prod.std).toBeCloseTo(1 / Math.sqrt(3), 12);
  });

  it('blobs-x × blobs-y: components at (±1, ±1), variance ½, weights πᵢρⱼ (all pairs equally far apart)', () => {
    const p = productDataset(['blobs-x', 'blobs-y']).mixture!;
    const expected: Record<string, number> = { '-1,-1': 0.3 * 0.6, '-1,1': 0.3 * 0.4, '1,-1': 0.7 * 0.6, '1,1': 0.7 * 0.4 };
    p.means.forEach(([x, y], k) => expect(p.weights[k]).toBeCloseTo(expected[`${x},${y}`], 12));
    expect(p.std ** 2).toBeCloseTo(0.5, 12);
  });

  it('refuses a factor that is not a mixture, naming it', () => {
    expect(() => productDataset(['blobs-x', 'double-well'])).toThrow(/double-well is not a Gaussian mixture/);
  });
});

describe('mode masses of p^β', () => {
  it('blobs-x, β = 1: the left cell holds 0.3·Φ(2) + 0.7·Φ(−2) = 0.3091, not π = 0.3', () => {
    expect(Math.abs(getDataset('blobs-x').modes!.weights[0] - (0.3 * Phi(2) + 0.7 * Phi(-2)))).toBeLessThan(1e-4);
  });

  it('blobs-x turned by 45°: the same masses with the cell boundary across the grid (tests the boundary splitting)', () => {
    const c = Math.SQRT1_2;
    const turned: Mixture = { means: [[-2 * c, -2 * c], [2 * c, 2 * c]], weights: [0.3, 0.7], std: 1 };
    expect(Math.abs(annealedCellMasses(turned, 1)[0] - (0.3 * Phi(2) + 0.7 * Phi(-2)))).toBeLessThan(1e-4);
    expect(Math.abs(annealedCellMasses(turned, 1, { depth: 0 })[0] - (0.3 * Phi(2) + 0.7 * Phi(-2)))).toBeGreaterThan(1e-4); // unsplit squares
  });

  it('blobs-x, β = 2: p² is again a mixture, so the left mass is closed-form', () => {
    // p² ∝ 0.09·N(−2, ½) + 0.49·N(2, ½) + 0.42·e^{−4}·N(0, ½) in x (N(a,1)N(b,1) = N((a+b)/2, ½)·N(a; b, 2)
    // and the common factors cancel); the y-factor integrates out.
    const w = [0.09, 0.49, 0.42 * Math.exp(-4)];
    const left = (w[0] * Phi(2 / Math.SQRT1_2) + w[1] * Phi(-2 / Math.SQRT1_2) + w[2] * 0.5) / (w[0] + w[1] + w[2]);
    expect(Math.abs(annealedCellMasses(blobsX, 2)[0] - left)).toBeLessThan(1e-4);
  });

  it('blobs-x × blobs-y quadrants: Σₖ wₖ·Φ(±mₖₓ/s)·Φ(±mₖᵧ/s)', () => {
    const d = productDataset(['blobs-x', 'blobs-y']);
    const p = d.mixture!;
    const masses = d.modes!.weights;
    p.means.forEach(([qx, qy], cell) => {
      const exact = p.means.reduce((s, [mx, my], k) => s + p.weights[k] * Phi((Math.sign(qx) * mx) / p.std) * Phi((Math.sign(qy) * my) / p.std), 0);
      expect(Math.abs(masses[cell] - exact)).toBeLessThan(1e-4); // the stated accuracy
    });
  });

  it('the answer does not move when the grid is refined (eight-gaussians-imbalanced, β = 3)', () => {
    const m = getDataset('eight-gaussians-imbalanced').mixture!;
    const coarse = annealedCellMasses(m, 3);
    const fine = annealedCellMasses(m, 3, { resolution: 12, depth: 4 });
    coarse.forEach((v, k) => expect(Math.abs(v - fine[k])).toBeLessThan(1e-5));
  });

  it('forty-gaussians at β = 3: equal weights, yet overlapping neighbours share and gain mass', () => {
    const modes = getDataset('forty-gaussians').modes!;
    const a = modes.annealed!(3);
    const means = getDataset('forty-gaussians').mixture!.means;
    // Modes more than 10 stds from every other are alone: all hold the same mass, to the rule's accuracy.
    const alone = means.map((m, k) => means.every((o, j) => j === k || Math.hypot(m[0] - o[0], m[1] - o[1]) > 10)).map((v, k) => (v ? a[k] : NaN)).filter((v) => !Number.isNaN(v));
    expect(alone.length).toBeGreaterThan(5);
    expect(Math.max(...alone) - Math.min(...alone)).toBeLessThan(1e-5);
    // Merged neighbours are where p^β moves mass: far from 1/40 each.
    expect(Math.max(...a) / Math.min(...a)).toBeGreaterThan(1.3);
  });

  it('a mixture with one component puts all its mass in it; β ≤ 0 is refused', () => {
    const one: Mixture = { means: [[1, 2]], weights: [1], std: 0.5 };
    expect(annealedCellMasses(one, 2)).toEqual([1]);
    expect(() => annealedCellMasses(one, 0)).toThrow(/β must be > 0/);
  });
});
