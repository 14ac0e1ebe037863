// Exact discrete-time Feynman–Kac weights (docs/math.md §4b): for a move x → x′ from t to t − h
// by the kernel M(x′|x) = N(m, g²h·I), the backward kernel q(x|x′) = N(a·x′, s²·I) of the forward
// noising process (a = α_t/α_{t−h}, s² = σ_t² − a²σ_{t−h}²) and the targets γ_t = exp(−β·U(·, t)),
//   Δlog w = −β·U(x′, t−h) + log q(x|x′) + β·U(x, t) − log M(x′|x),
// up to constants all particles share. Needs only U (no ΔU, no ∂ₜU), and for β = 1 and an exact
// potential it corrects exactly the EM kernel's time-discretisation error.

import * as tf from '@tensorflow/tfjs';
import type { SDE } from '../../sde.js';
import type { Part, Weighting, WeightStep } from '../parts.js';

/** Mean factor a and variance s² of the forward kernel x_t | x_{t−h} = a·x_{t−h} + s·z. */
export function forwardKernel(sde: SDE, t: number, tn: number): { a: number; s2: number } {
  const a = sde.alpha(t) / sde.alpha(tn);
  return { a, s2: sde.sigma(t) ** 2 - a * a * sde.sigma(tn) ** 2 };
}

export const discreteWeights: Part<Weighting> = {
  description: 'exact discrete-time kernel ratio (needs only U)',
  create: () => discrete,
};

const discrete: Weighting = {
  weighted: true,
  need: {},
  driftNeed: {},
  resampleEveryStep: false,
  estimatesNormalizer: false,
  needsNoise: true,
  increment(s: WeightStep, scale = 1) {
    const { mean, noiseStd } = s.move;
    if (!mean || noiseStd === undefined) throw new Error('discrete weights need a stochastic (em) predictor');
    const { a, s2 } = forwardKernel(s.sde, s.t, s.tn);
    if (!(s2 > 0)) throw new Error(`discrete weights: the forward kernel's variance is ${s2} from t = ${s.tn} to ${s.t}`);
    const inc = tf.tidy(() => {
      const xn = s.move.x;
      const logQ = s.x.sub(xn.mul(a)).square().sum(1).mul(-0.5 / s2);
      const logM = xn.sub(mean).square().sum(1).mul(-0.5 / (noiseStd * noiseStd));
      const w = s.next.u.mul(-s.beta).add(logQ).add(s.target.u.mul(s.beta)).sub(logM);
      return scale === 1 ? w : w.mul(scale);
    }) as tf.Tensor1D;
    return { inc };
  },
};
