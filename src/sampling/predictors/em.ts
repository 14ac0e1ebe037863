// Euler–Maruyama step of the reverse SDE (docs/math.md §3): x′ = x + h·v + g√h·ξ with
// v = −f·x − c·g²·∇U. Its kernel N(x + h·v, g²h·I) is what the weightings reason about.

import * as tf from '@tensorflow/tfjs';
import type { Move, Part, Predictor, StepContext } from '../parts.js';

/** The reverse-SDE drift v = −f·x − c·g²·∇U_drift at the step's start. */
export const reverseDrift = (s: StepContext) => s.x.mul(-s.f).sub(s.drift.grad.mul(s.c * s.g2)) as tf.Tensor2D;

const move = (s: StepContext): Move =>
  tf.tidy(() => {
    const v = reverseDrift(s);
    const mean = s.x.add(v.mul(s.h)) as tf.Tensor2D;
    const noiseStd = Math.sqrt(s.g2) * Math.sqrt(s.h);
    const x = mean.add(s.normals().mul(noiseStd)) as tf.Tensor2D;
    return { x, v, mean, noiseStd };
  });

export const eulerMaruyama: Part<Predictor> = {
  description: 'reverse-SDE Euler–Maruyama',
  create: () => ({ stochastic: true, move }),
};
