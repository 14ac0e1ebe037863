// Each built-in dataset draws from the law docs/datasets.md describes: mode weights, component
// spreads, radii and exact support rules, within sampling tolerance (n = 40 000: the standard
// error of a weight near 1/8 is √(pq/n) ≈ 0.0017, so 0.008 is > 4 s.e.).
import { describe, expect, it } from 'vitest';
import { DATASETS, DATASET_NAMES, getDataset, type Points } from '../src/data/datasets.js';
import { Rng } from '../src/rng.js';

const N = 40_000;
const draw = (name: string, seed = 1) => getDataset(name).sample(new Rng(seed, 'test'), N);

function modeWeights(name: string, pts: Points): number[] {
  const modes = getDataset(name).modes!;
  const w = new Array(modes.weights.length).fill(0);
  for (let i = 0; i < pts.length / 2; i++) w[modes.assign(pts[2 * i], pts[2 * i + 1])] += 1 / (pts.length / 2);
  return w;
}

function mean(v: number[]) {
  return v.reduce((a, b) => a + b, 0) / v.length;
}
function std(v: number[]) {
  const m = mean(v);
  return Math.sqrt(mean(v.map((x) => (x - m) ** 2)));
}
const radii = (p: Points) => Array.from({ length: p.length / 2 }, (_, i) => Math.hypot(p[2 * i], p[2 * i + 1]));

describe('datasets', () => {
  it('lists the classic 2D benchmarks of docs/datasets.md, and the project\'s own composition targets', () => {
    const spec = ['checkerboard', 'circles', 'double-well', 'eight-gaussians', 'eight-gaussians-imbalanced', 'pinwheel', 'rings', 'swiss-roll', 'twenty-five-gaussians', 'two-moons', 'two-spirals'];
    const own = ['forty-gaussians', 'gmm40', 'blobs-x', 'blobs-y', 'blobs-diagonal'];
    expect(DATASET_NAMES.slice().sort()).toEqual([...spec, ...own].sort());
  });

  for (const name of ['eight-gaussians', 'eight-gaussians-imbalanced', 'twenty-five-gaussians']) {
    it(`${name}: mode weights and component std`, () => {
      const pts = draw(name);
      const w = modeWeights(name, pts);
      const target = DATASETS[name].mixture!.weights;
      w.forEach((wk, k) => expect(Math.abs(wk - target[k])).toBeLessThan(0.008));
      // Residual from the assigned centre: per-coordinate std = component std.
      const m = DATASETS[name].mixture!;
      const res: number[] = [];
      for (let i = 0; i < N; i++) {
        const c = m.means[DATASETS[name].modes!.assign(pts[2 * i], pts[2 * i + 1])];
        res.push(pts[2 * i] - c[0]);
      }
      expect(std(res)).toBeCloseTo(m.std, 2);
    });
  }

  it('eight-gaussians: centres at radius 2√2, std 0.5/√2', () => {
    const m = DATASETS['eight-gaussians'].mixture!;
    m.means.forEach(([x, y]) => expect(Math.hypot(x, y)).toBeCloseTo(2 * Math.SQRT2, 12));
    expect(m.std).toBeCloseTo(0.5 / Math.SQRT2, 12);
  });

  it('double-well: right-well weight 0.717565 and y ~ N(0, 0.75²)', () => {
    const pts = draw('double-well');
    const w = modeWeights('double-well', pts);
    expect(Math.abs(w[1] - 0.717565)).toBeLessThan(0.009); // s.e. 0.00225
    const ys = Array.from({ length: N }, (_, i) => pts[2 * i + 1]);
    expect(std(ys)).toBeCloseTo(0.75, 1);
    expect(Math.abs(mean(ys))).toBeLessThan(0.02);
    // The wells sit near x = ±2 (V has minima at x ≈ ±2); almost no mass beyond |x| > 3.5.
    const xs = Array.from({ length: N }, (_, i) => pts[2 * i]);
    expect(xs.filter((x) => Math.abs(x) > 3.5).length / N).toBeLessThan(0.01);
  });

  it('two-moons: mean ≈ (0, 0.3)', () => {
    const pts = draw('two-moons');
    // E p = ½(0, 2/π) + ½(1, 0.5 − 2/π) = (0.5, 0.25); point = 2p + (−1, −0.2) → (0, 0.3).
    const xs = Array.from({ length: N }, (_, i) => pts[2 * i]);
    const ys = Array.from({ length: N }, (_, i) => pts[2 * i + 1]);
    expect(Math.abs(mean(xs))).toBeLessThan(0.02);
    expect(Math.abs(mean(ys) - 0.3)).toBeLessThan(0.02);
  });

  it('circles: half the points on radius 3, half on 1.5 (noise std 0.24)', () => {
    const r = radii(draw('circles'));
    const outer = r.filter((v) => v > 2.25);
    expect(Math.abs(outer.length / N - 0.5)).toBeLessThan(0.01);
    expect(mean(outer)).toBeCloseTo(3, 1);
    expect(std(outer)).toBeCloseTo(0.24, 1);
  });

  it('rings: four radii 3, 2.25, 1.5, 0.75 with equal weight', () => {
    const r = radii(draw('rings'));
    for (const [lo, hi] of [[2.625, 9], [1.875, 2.625], [1.125, 1.875], [0, 1.125]]) {
      expect(Math.abs(r.filter((v) => v >= lo && v < hi).length / N - 0.25)).toBeLessThan(0.01);
    }
  });

  it('swiss-roll: 5·radius ≈ t with t uniform on [1.5π, 4.5π]', () => {
    const r = radii(draw('swiss-roll')).map((v) => 5 * v);
    expect(mean(r)).toBeCloseTo(3 * Math.PI, 0);
    expect(Math.min(...r)).toBeGreaterThan(1.5 * Math.PI - 4.5);
    expect(Math.max(...r)).toBeLessThan(4.5 * Math.PI + 4.5);
  });

  it('pinwheel: radius 2·√(a² + b²) with a ~ N(1, 0.3²), b ~ N(0, 0.1²)', () => {
    const r = radii(draw('pinwheel'));
    // E√(a²+b²) ≈ E|a| + E b²/(2|a|) ≈ 1 + 0.005.
    expect(mean(r) / 2).toBeCloseTo(1.005, 1);
  });

  it('two-spirals: symmetric about the origin, radius ≤ π + noise', () => {
    const pts = draw('two-spirals');
    const xs = Array.from({ length: N }, (_, i) => pts[2 * i]);
    expect(Math.abs(mean(xs))).toBeLessThan(0.05);
    expect(Math.max(...radii(pts))).toBeLessThan(Math.PI + 1);
  });

  it('checkerboard: every point on a black square of the 2-unit grid over [−4, 4]²', () => {
    const pts = draw('checkerboard');
    for (let i = 0; i < N; i++) {
      const [x, y] = [pts[2 * i] / 2, pts[2 * i + 1] / 2];
      expect(Math.abs(x) <= 2 && Math.abs(y) <= 2).toBe(true);
      // x₂ = U − 2B + (⌊x₁⌋ mod 2) ⇒ ⌊x₁⌋ + ⌊x₂⌋ is even.
      expect((((Math.floor(x) + Math.floor(y)) % 2) + 2) % 2).toBe(0);
    }
  });

  it('the same seed gives the same points; another seed does not', () => {
    expect(draw('pinwheel', 3)).toEqual(draw('pinwheel', 3));
    expect(draw('pinwheel', 3)).not.toEqual(draw('pinwheel', 4));
  });

  it('unknown names list the valid ones', () => {
    expect(() => getDataset('nine-gaussians')).toThrow(/valid names: .*eight-gaussians/);
  });
});
