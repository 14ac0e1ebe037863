// The Fisher–Rao reaction of WFR sampling (docs/math.md §5), wrapped around a Feynman–Kac
// part: with δ = 1 − e^{−αh} and ρ̂ the density of the moved cloud (width max(g√h, b_min)
// around the kernel means),
//   Δlog w = (1 − δ)·(Feynman–Kac increment) + δ·(−β·U(x′, t − h) − log ρ̂(x′)),
// followed by resampling every step when α > 0.

import * as tf from '@tensorflow/tfjs';
import { logMovedDensity, type DensityMethod } from '../density.js';
import type { Weighting, WeightStep } from '../parts.js';

export interface ReactionOptions {
  alpha: number;
  bMin: number;
  density: DensityMethod;
  selfKernel: number;
}

export function withReaction(fk: Weighting | undefined, o: ReactionOptions): Weighting {
  return {
    description: `Fisher–Rao reaction at rate α${fk ? ` on top of ${fk.description}` : ''}`,
    need: fk?.need ?? {},
    driftNeed: fk?.driftNeed ?? {},
    resampleEveryStep: o.alpha > 0,
    estimatesNormalizer: false,
    needsNoise: true,
    increment(s: WeightStep) {
      const { mean, noiseStd } = s.move;
      if (!mean || noiseStd === undefined) throw new Error('the wfr reaction needs a stochastic (em) predictor');
      const keep = Math.exp(-o.alpha * s.h);
      const delta = 1 - keep;
      const b = Math.max(noiseStd, o.bMin);
      const part = fk?.increment(s, keep);
      const inc = tf.tidy(() => {
        const reaction = s.next.u.mul(-s.beta).sub(logMovedDensity(o.density, s.move.x, mean, b, o.selfKernel, noiseStd)).mul(delta);
        return part ? part.inc.add(reaction) : reaction;
      }) as tf.Tensor1D;
      part?.inc.dispose();
      return { inc, gSpread: part?.gSpread };
    },
  };
}
