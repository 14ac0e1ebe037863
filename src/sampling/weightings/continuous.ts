// Continuous-time Feynman–Kac weights from the learned potential (docs/math.md §4). Particles
// move by dX = v dτ + g dW in sampling time τ = 1 − t; to track the path γ_t = exp(−β·U(·, t))
// their log-weights grow by G·h with
//   G = β∂ₜU + ∇·v − β⟨v, ∇U⟩ − (g̃²/2)(β²‖∇U‖² − βΔU),   v = −f·x − c·g²∇U_drift,
//   ∇·v = −d·f − c·g²ΔU_drift,
// where g̃² is the move's noise variance rate (g² for em, g²/β for tempered noise, whose c is
// then β(1 + 1/β)/2). For an exact VE mixture this is ½β(β−1)g²‖∇U‖² up to a term that is the
// same for every particle: the FKC increment (docs/math.md §4e).
// For an exact potential and β = c = 1, G is the same for every particle (test/sampling.test.ts).

import * as tf from '@tensorflow/tfjs';
import type { PotentialValues } from '../../model/potential.js';
import { std } from '../../stats.js';
import type { Part, Weighting, WeightStep } from '../parts.js';

export interface FkInputs {
  /** Drift actually used for the move, [N, 2]. */
  v: tf.Tensor2D;
  /** Target potential at (x, t): needs grad, lap, dt. */
  target: PotentialValues;
  /** Laplacian of the drift potential (same as the target's unless they differ). */
  driftLap: tf.Tensor1D;
  f: number;
  g2: number;
  beta: number;
  /** Scale of the score in the drift (β for the annealed target-score variant). */
  c: number;
  /** Variance rate of the move's noise (default g2). */
  noiseG2?: number;
}

export function fkRate({ v, target, driftLap, f, g2, beta, c, noiseG2 = g2 }: FkInputs): tf.Tensor1D {
  const { grad, lap, dt } = target;
  if (!lap || !dt) throw new Error('fkRate needs ΔU and ∂ₜU of the target potential');
  return tf.tidy(() => {
    const d = 2;
    const divV = driftLap.mul(-c * g2).sub(d * f);
    const vDotGrad = v.mul(grad).sum(1);
    const gradSq = grad.square().sum(1);
    return dt
      .mul(beta)
      .add(divV)
      .sub(vDotGrad.mul(beta))
      .sub(gradSq.mul(beta * beta).sub(lap.mul(beta)).mul(noiseG2 / 2)) as tf.Tensor1D;
  });
}

export const continuousWeights: Part<Weighting> = {
  description: 'continuous-time Feynman–Kac rate G·h (needs ΔU and ∂ₜU)',
  create: () => continuous,
};

const continuous: Weighting = {
  weighted: true,
  // ΔU doubles the matMuls of an evaluation (model/secondOrder.ts): asked for only here.
  need: { lap: true, dt: true },
  driftNeed: { lap: true },
  resampleEveryStep: false,
  estimatesNormalizer: true,
  needsNoise: false,
  increment(s: WeightStep, scale = 1) {
    const { v, scoreScale = s.c, noiseG2 = s.g2 } = s.move;
    if (!v) throw new Error('continuous Feynman–Kac weights need the drift of the move');
    const G = fkRate({ v, target: s.target, driftLap: s.drift.lap!, f: s.f, g2: s.g2, beta: s.beta, c: scoreScale, noiseG2 });
    const gSpread = std(G.dataSync());
    const inc = tf.tidy(() => G.mul(scale === 1 ? s.h : scale * s.h)) as tf.Tensor1D;
    G.dispose();
    return { inc, gSpread };
  },
};
