// The WFR corrector (docs/math.md §5): a Langevin move at the level t whose reaction weights
// pull the cloud toward exp(−β·U(·, t)) against the moved cloud's density, then resampling:
//   Δlog w = (1 − e^{−ε})·(−β·U(x′, t) − log ρ̂(x′)),  ρ̂ of width max(√(2ε), b_min) around the y's.

import * as tf from '@tensorflow/tfjs';
import { logMovedDensity } from '../density.js';
import { kernelFloor } from '../kernelFloor.js';
import type { Corrector, Part } from '../parts.js';
import { langevinMove } from './langevin.js';

export const wfrCorrector: Part<Corrector> = {
  description: 'Langevin move with Fisher–Rao reaction weights, then resampling',
  create: (o) => ({
    weighted: true,
    move: langevinMove,
    increment(s, m, next) {
      const b = Math.max(m.noiseStd!, kernelFloor(o.bMinRule, o.bMin, next.grad, s.beta));
      return tf.tidy(() => next.u.mul(-s.beta).sub(logMovedDensity(o.density, m.x, m.centres!, b, o.selfKernel, m.noiseStd!)).mul(1 - Math.exp(-m.eps))) as tf.Tensor1D;
    },
  }),
};
