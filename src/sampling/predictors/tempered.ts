// Tempered-noise Euler–Maruyama (docs/math.md §3b): the reverse-SDE family whose noise is scaled
// by η = 1/√β. For the annealed path p_t^β it moves by x′ = x + h·v + η·g√h·ξ with
// v = −f·x − c·((1 + η²)/2)·g²∇U, the "tempered noise" drift of the FKC benchmark. At β = 1 it is em.

import * as tf from '@tensorflow/tfjs';
import type { Move, Part, Predictor, StepContext } from '../parts.js';

const move = (s: StepContext): Move =>
  tf.tidy(() => {
    const eta2 = 1 / s.beta;
    const scoreScale = (s.c * (1 + eta2)) / 2;
    const v = s.x.mul(-s.f).sub(s.drift.grad.mul(scoreScale * s.g2)) as tf.Tensor2D;
    const mean = s.x.add(v.mul(s.h)) as tf.Tensor2D;
    const noiseG2 = eta2 * s.g2;
    const noiseStd = Math.sqrt(noiseG2) * Math.sqrt(s.h);
    const x = mean.add(s.normals().mul(noiseStd)) as tf.Tensor2D;
    return { x, v, mean, noiseStd, scoreScale, noiseG2 };
  });

export const temperedNoise: Part<Predictor> = {
  description: 'reverse SDE with noise scaled by 1/√β and drift c·(1 + 1/β)/2·g²∇U (tempered noise)',
  create: () => ({ stochastic: true, move }),
};
