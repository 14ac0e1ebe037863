// The moved-cloud density ρ̂: the binned O(N) estimate against the exact kernel sum (the
// reference), including points in the far tail where a truncated kernel would read zero.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { getDataset } from '../src/data/datasets.js';
import { Rng } from '../src/rng.js';
import { logKernelDensity, logKernelDensityBinned, logMovedDensity } from '../src/sampling/density.js';

describe('moved-cloud density', () => {
  it('exact: equals a float64 kernel sum, whatever the chunking', () => {
    const c = tf.tensor2d([[0, 0], [1, 0], [0, 2]]);
    const x = tf.tensor2d([[0.5, 0.5], [3, 3]]);
    const b = 0.7;
    const ref = [[0.5, 0.5], [3, 3]].map(([px, py]) =>
      Math.log([[0, 0], [1, 0], [0, 2]].reduce((s, [cx, cy]) => s + Math.exp(-((px - cx) ** 2 + (py - cy) ** 2) / (2 * b * b)), 0) / 3),
    );
    const got = logKernelDensity(x, c, b).arraySync();
    got.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 5));
  });

  it("the own kernel's weight: row i's kernel around centre i counts `self` times, the others once", () => {
    const pts = [[0, 0], [1, 0], [0, 2]];
    const at = [[0.2, 0.1], [0.9, 0.3], [0.4, 1.5]];
    const b = 0.7;
    const k = (p: number[], c: number[]) => Math.exp(-((p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2) / (2 * b * b));
    for (const self of [0, 0.5]) {
      const ref = at.map((p, i) => Math.log(pts.reduce((s, c, j) => s + (i === j ? self : 1) * k(p, c), 0) / 3));
      for (const method of ['exact', 'binned'] as const) {
        const got = tf.tidy(() => logMovedDensity(method, tf.tensor2d(at), tf.tensor2d(pts), b, self).arraySync());
        got.forEach((v, i) => expect(v).toBeCloseTo(ref[i], method === 'exact' ? 5 : 1)); // binned: its own O(spacing²) error
      }
    }
  });

  for (const b of [0.1, 0.4]) {
    it(`binned matches exact for a moved cloud (b = ${b})`, () => {
      const n = 3000;
      const centres = getDataset('eight-gaussians').sample(new Rng(1), n).map((v) => v / 2);
      const xi = new Rng(2).normals(new Float32Array(2 * n));
      const x = centres.map((v, i) => v + b * xi[i]);
      const exact = tf.tidy(() => logKernelDensity(tf.tensor2d(x, [n, 2]), tf.tensor2d(centres, [n, 2]), b)).dataSync();
      const binned = logKernelDensityBinned(x, centres, b);
      const err = Array.from(binned, (v, i) => Math.abs(v - exact[i])).sort((p, q) => p - q);
      // Linear binning at spacing b/5: errors are O(spacing²/b²), largest in the tails.
      expect(err[Math.floor(n / 2)]).toBeLessThan(5e-3);
      expect(err[Math.floor(0.99 * n)]).toBeLessThan(5e-2);
      expect(err[n - 1]).toBeLessThan(0.15);
    });
  }

  it('a point far beyond every kernel gets the exact (finite) value, not −∞', () => {
    const centres = Float32Array.from([0, 0, 0.1, 0]);
    const x = Float32Array.from([3, 0]); // 30 kernel widths away
    const b = 0.1;
    const got = logKernelDensityBinned(x, centres, b)[0];
    // logsumexp(−9/0.02, −8.41/0.02) − log 2
    const e = [-450, -420.5];
    const want = Math.max(...e) + Math.log(e.reduce((s, v) => s + Math.exp(v - Math.max(...e)), 0)) - Math.log(2);
    expect(got).toBeCloseTo(want, 5); // centres are float32
  });
});
