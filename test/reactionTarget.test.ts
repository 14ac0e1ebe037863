// The blurred reaction target (docs/math.md §5, "Its smoothing bias") against known truth: for a
// Gaussian exp(−βU) its log is that of the Gaussian with the kernel's variance added, up to the
// cubature's error; and sampled, it brings the within-mode spread that the plain target narrows
// back toward the exact one.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ExactPotential } from '../src/model/exact.js';
import { blurredLogTarget, excessWidth } from '../src/sampling/blurredTarget.js';
import { sample } from '../src/sampling/sample.js';
import { evaluateInBlocks } from '../src/sampling/values.js';
import { makeSde } from '../src/sde.js';

const sde = makeSde('vp');
const MU: [number, number] = [0.4, -0.3];
/** One isotropic component of std 0.2: exp(−βU(·, t)) is then N(α_tμ, v_t/β) up to a constant. */
const single = new ExactPotential({ means: [MU], weights: [1], variances: [0.04] }, sde);

/** log ∫N(y; m, v)^β N(y; x, w²I) dy in 2D, in closed form (the Gaussian's power is a Gaussian times a constant). */
function exactBlurredLog(x: [number, number], t: number, beta: number, w: number): number {
  const [a, s] = [sde.alpha(t), sde.sigma(t)];
  const v = a * a * 0.04 + s * s;
  const vb = v / beta + w * w;
  const d2 = (x[0] - a * MU[0]) ** 2 + (x[1] - a * MU[1]) ** 2;
  return -beta * Math.log(2 * Math.PI * v) + Math.log((2 * Math.PI * v) / beta) - Math.log(2 * Math.PI * vb) - d2 / (2 * vb);
}

describe('blurred reaction target', () => {
  const t = 0.01;
  const beta = 2;
  const sd = Math.sqrt((sde.alpha(t) ** 2 * 0.04 + sde.sigma(t) ** 2) / beta);
  // Points within 2 standard deviations of p^β's centre, in several directions (the hexagon's
  // first anisotropic moment is of degree 6).
  const pts: [number, number][] = [0, 0.5, 1, 1.5, 2].flatMap((r, i) =>
    [0.3, 1.1, 2.4].map((th) => [sde.alpha(t) * MU[0] + r * sd * Math.cos(th + i), sde.alpha(t) * MU[1] + r * sd * Math.sin(th + i)] as [number, number]),
  );

  // The 7-point rule is exact for polynomials of degree ≤ 5; on a Gaussian of std sd blurred by
  // w = r·sd its error grows like r⁶: measured on the closed form in 2D, max |error| within 2 sd is
  // 2.2e-4 at r = 0.3 and 4.1e-3 at r = 0.5 (tolerances: those plus float32 rounding of βU ≈ 10).
  for (const [r, tol] of [
    [0.3, 5e-4],
    [0.5, 6e-3],
  ]) {
    it(`equals log N(μ, s² + w²) at w = ${r}·s up to the cubature's error (${tol})`, () => {
      const w = r * sd;
      const x = tf.tensor2d(pts.flat(), [pts.length, 2]);
      const centre = evaluateInBlocks(single, x, t, {});
      const before = tf.memory().numTensors;
      const got = blurredLogTarget((y, need) => evaluateInBlocks(single, y, t, need ?? {}), x, centre.u, beta, w);
      expect(tf.memory().numTensors).toBe(before + 1);
      const plain = tf.tidy(() => centre.u.mul(-beta).dataSync());
      const values = got.dataSync();
      let plainGap = 0;
      pts.forEach((p, i) => {
        const truth = exactBlurredLog(p, t, beta, w);
        expect(Math.abs(values[i] - truth)).toBeLessThan(tol);
        plainGap = Math.max(plainGap, Math.abs(plain[i] - truth));
      });
      // The check has teeth: the unblurred target is far off at the same points.
      expect(plainGap).toBeGreaterThan(20 * tol);
      tf.dispose([x, centre.u, centre.grad, got]);
    });
  }

  it('is the plain target where the floor adds no width', () => {
    expect(excessWidth(0.1, 0.1)).toBe(0);
    expect(excessWidth(0.1, 0.2)).toBe(0);
    expect(excessWidth(0.1, 0.06)).toBeCloseTo(0.08, 12);
    const x = tf.tensor2d(pts.flat(), [pts.length, 2]);
    const centre = evaluateInBlocks(single, x, t, {});
    const unused = () => {
      throw new Error('no evaluation needed at zero width');
    };
    const got = blurredLogTarget(unused, x, centre.u, beta, 0);
    expect(Array.from(got.dataSync())).toEqual(Array.from(tf.tidy(() => centre.u.mul(-beta).dataSync())));
    tf.dispose([x, centre.u, centre.grad, got]);
  });
});

/** RMS per-coordinate distance of standardised samples to the component's centre. */
function spread(points: Float32Array): number {
  let ss = 0;
  for (let i = 0; i < points.length / 2; i++) ss += (points[2 * i] - MU[0]) ** 2 + (points[2 * i + 1] - MU[1]) ** 2;
  return Math.sqrt(ss / points.length);
}

describe('blurred reaction target, sampled', () => {
  it('brings the within-mode spread at β = 2 back toward the exact one', async () => {
    // A wide floor (b_min = 0.15 against p^β's std 0.14) and a strong reaction (α = 200) make the
    // smoothing bias the dominant error, so the comparison isolates it from the reaction's lag.
    const beta = 2;
    const exact = 0.2 / Math.sqrt(beta);
    const run = async (reactionTarget: 'plain' | 'blurred', seed: number) =>
      spread((await sample({ potential: single, sde, sampler: 'wfr', beta, steps: 100, n: 1500, seed, alpha: 200, bMin: 0.15, reactionTarget, tOff: 0 })).points);
    const before = tf.memory().numTensors;
    const mean = async (target: 'plain' | 'blurred') => ((await run(target, 1)) + (await run(target, 2))) / 2;
    const [plain, blurred] = [await mean('plain'), await mean('blurred')];
    expect(tf.memory().numTensors).toBe(before);
    if (process.env.VERBOSE) console.log({ exact, plain, blurred });
    // The plain target's narrowing is the bias; the blurred one must remove at least half of it.
    expect(plain).toBeLessThan(0.93 * exact);
    expect(Math.abs(blurred - exact)).toBeLessThan(0.5 * Math.abs(plain - exact));
  });
});
