// The 'fisher' floor of wfr's kernel width against known truth: for particles of N(μ, σ²I) with
// the exact score, σ̂ recovers σ and the floor is N^(−1/6)·σ; scaling the frame scales it alike;
// the fixed rule and a flat potential give --b-min.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { kernelFloor } from '../src/sampling/kernelFloor.js';
import { Rng } from '../src/rng.js';
import { modeSummary, targetModeWeights } from '../src/metrics/modes.js';
import { generate, loadModels } from '../src/node/generate.js';
import type { SampleSettings } from '../src/sampling/settings.js';
import { modeErrorFloor } from '../scripts/bench/sections/weights.js';

/** ∇U = (x − μ)/σ² of U = ‖x − μ‖²/(2σ²) at n particles drawn from exp(−βU) = N(μ, σ²/β·I). */
function gaussianGrad(n: number, sigma: number, seed: number, beta = 1): tf.Tensor2D {
  const z = new Rng(seed, 'kernel-floor').normals(new Float32Array(2 * n));
  return tf.tensor2d(z.map((v) => (v * sigma) / Math.sqrt(beta) / sigma ** 2), [n, 2]);
}

describe('kernelFloor', () => {
  it('fisher: N^(−1/6)·σ for a Gaussian of std σ, at any scale and β', () => {
    const before = tf.memory().numTensors;
    for (const [n, sigma] of [[4000, 0.5], [10000, 0.02], [1000, 3]] as const) {
      const g = gaussianGrad(n, sigma, 1);
      // Monte Carlo: mean‖z‖²/2 has relative sd 1/√n, so σ̂ is within ~2/√n of σ.
      expect(kernelFloor('fisher', 0.1, g, 1) / (Math.pow(n, -1 / 6) * sigma)).toBeCloseTo(1, 1);
      // exp(−βU) is N(μ, σ²/β): at particles drawn from it, the floor narrows by √β.
      const g4 = gaussianGrad(n, sigma, 1, 4);
      expect(kernelFloor('fisher', 0.1, g4, 4) / kernelFloor('fisher', 0.1, g, 1)).toBeCloseTo(0.5, 6);
      tf.dispose([g, g4]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fixed is --b-min; a flat potential falls back to it', () => {
    const g = gaussianGrad(500, 1, 2);
    const flat = tf.zeros([500, 2]) as tf.Tensor2D;
    expect(kernelFloor('fixed', 0.1, g, 1)).toBe(0.1);
    expect(kernelFloor('fisher', 0.07, flat, 1)).toBe(0.07);
    tf.dispose([g, flat]);
  });
});

describe('wfr with the fisher floor on narrow modes (exact gmm40 at β = 3 in the x/50 frame)', () => {
  it('finds the annealed masses where the fixed floor blurs neighbouring modes together; it is the default, and a b-min alone means fixed', async () => {
    const loaded = await loadModels(['exact:gmm40'], { exact: { sde: 've0', sdeParams: { sigmaMin: 0.01, sigmaMax: 10 }, frame: { mean: [0, 0], scale: 50 } } });
    try {
      const error = async (o: Partial<SampleSettings>) => {
        const g = await generate(loaded, { sampler: 'wfr', steps: 50, n: 3000, seed: 2, beta: 3, ...o });
        return modeSummary(g.points, loaded.dataset!.modes!, undefined, 3).error;
      };
      const floor = modeErrorFloor(targetModeWeights(loaded.dataset!.modes!, 3), 3000);
      const [fixed, fisher, byDefault] = [await error({ bMinRule: 'fixed' }), await error({ bMinRule: 'fisher' }), await error({})];
      expect(fixed).toBeGreaterThan(4 * floor);
      expect(fisher).toBeLessThan(1.5 * floor);
      expect(byDefault).toBe(fisher); // the default rule
      expect(await error({ bMin: 0.1 })).toBe(fixed); // a --b-min alone asks for the fixed rule
    } finally {
      loaded.dispose();
    }
  });
});
