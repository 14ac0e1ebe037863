// The Fisher–Rao reaction of WFR sampling (docs/math.md §5), wrapped around a Feynman–Kac
// part: with δ = 1 − e^{−αΔ} (Δ the step on the reaction's clock, reactionClock.ts) and ρ̂ the density of the moved cloud (width max(g√h, b_min)
// around the kernel means),
//   Δlog w = (1 − δ)·(Feynman–Kac increment) + δ·(log π̃(x′) − log ρ̂(x′)),
// followed by resampling every step when α > 0. π̃ is exp(−β·U(·, t − h)), plain or blurred by
// the width ρ̂'s kernel adds (--reaction-target, blurredTarget.ts).

import * as tf from '@tensorflow/tfjs';
import { blurredLogTarget, excessWidth, type ReactionTarget } from '../blurredTarget.js';
import { logMovedDensity, type DensityMethod } from '../density.js';
import { DEFAULT_KERNEL_FLOOR, kernelFloor, type KernelFloor } from '../kernelFloor.js';
import { DEFAULT_REACTION_CLOCK, reactionDuration, type ReactionClock } from '../reactionClock.js';
import type { Weighting, WeightStep } from '../parts.js';

export interface ReactionOptions {
  alpha: number;
  bMin: number;
  bMinRule?: KernelFloor;
  density: DensityMethod;
  selfKernel: number;
  reactionTarget?: ReactionTarget;
  reactionClock?: ReactionClock;
}

/** log π̃ at the moved particles: −βU, or its blur by the kernel width ρ̂ has beyond the step's noise. */
function logTarget(s: WeightStep, b: number, noiseStd: number, target: ReactionTarget): tf.Tensor1D {
  if (target === 'plain') return tf.tidy(() => s.next.u.mul(-s.beta)) as tf.Tensor1D;
  if (!s.evaluateTarget) throw new Error('the blurred reaction target needs the step context to evaluate the target potential');
  const at = s.evaluateTarget;
  return blurredLogTarget((x, need) => at(x, s.tn, need), s.move.x, s.next.u, s.beta, excessWidth(b, noiseStd));
}

/** The reaction on top of a Feynman–Kac part (whose increment it skips when that part adds none). */
export function withReaction(fk: Weighting, o: ReactionOptions): Weighting {
  return {
    weighted: true,
    need: fk.need,
    driftNeed: fk.driftNeed,
    resampleEveryStep: o.alpha > 0,
    estimatesNormalizer: false,
    needsNoise: true,
    increment(s: WeightStep) {
      const { mean, noiseStd } = s.move;
      if (!mean || noiseStd === undefined) throw new Error('the wfr reaction needs a stochastic (em) predictor');
      const keep = Math.exp(-o.alpha * reactionDuration(o.reactionClock ?? DEFAULT_REACTION_CLOCK, s.sde, s.t, s.tn));
      const delta = 1 - keep;
      const b = Math.max(noiseStd, kernelFloor(o.bMinRule ?? DEFAULT_KERNEL_FLOOR, o.bMin, s.next.grad, s.beta));
      const part = fk.weighted ? fk.increment(s, keep) : undefined;
      const target = logTarget(s, b, noiseStd, o.reactionTarget ?? 'plain');
      const inc = tf.tidy(() => {
        const reaction = target.sub(logMovedDensity(o.density, s.move.x, mean, b, o.selfKernel, noiseStd)).mul(delta);
        return part ? part.inc.add(reaction) : reaction;
      }) as tf.Tensor1D;
      target.dispose();
      part?.inc.dispose();
      return { inc, gSpread: part?.gSpread };
    },
  };
}
