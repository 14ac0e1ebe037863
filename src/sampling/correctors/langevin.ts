// Langevin corrector at a fixed level (docs/math.md §3): x′ = x + ε·s + √(2ε)·ξ with the
// score s = −c·∇U and ε from the signal-to-noise rule ε = 2(r‖ξ‖/‖s‖)² (norms averaged over
// particles), as in score-based predictor–corrector samplers.

import * as tf from '@tensorflow/tfjs';
import type { Corrector, CorrectorContext, CorrectorMove, Part } from '../parts.js';

/** A Langevin move; `centres` are its deterministic parts y = x + ε·s (the WFR corrector's kernel centres). */
export function langevinMove(s: CorrectorContext): CorrectorMove & { centres: tf.Tensor2D } {
  const xi = s.normals();
  const score = tf.tidy(() => s.drift.grad.mul(-s.c)) as tf.Tensor2D;
  const eps = tf.tidy(() => {
    const sNorm = score.norm('euclidean', 1).mean().dataSync()[0];
    const xiNorm = xi.norm('euclidean', 1).mean().dataSync()[0];
    return 2 * ((s.snr * xiNorm) / Math.max(sNorm, 1e-12)) ** 2;
  });
  const centres = tf.tidy(() => s.x.add(score.mul(eps))) as tf.Tensor2D;
  const noiseStd = Math.sqrt(2 * eps);
  const x = tf.tidy(() => centres.add(xi.mul(noiseStd))) as tf.Tensor2D;
  tf.dispose([xi, score]);
  return { x, centres, noiseStd, eps };
}

export const langevin: Part<Corrector> = {
  description: 'Langevin steps at signal-to-noise r',
  create: () => ({ weighted: false, move: langevinMove }),
};
