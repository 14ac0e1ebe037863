// Probability-flow ODE steps (docs/math.md §3): dx/dt = −f·x − ½·c·g²·∇U, by Euler (one
// evaluation a step) or Heun (a second evaluation at the Euler point, through the row-blocked
// evaluator like every other one).

import * as tf from '@tensorflow/tfjs';
import type { Move, Part, Predictor, StepContext } from '../parts.js';

const flow = (x: tf.Tensor2D, grad: tf.Tensor2D, f: number, g2: number, c: number) => x.mul(-f).sub(grad.mul(0.5 * c * g2)) as tf.Tensor2D;

const euler = (s: StepContext): Move => tf.tidy(() => ({ x: s.x.add(flow(s.x, s.drift.grad, s.f, s.g2, s.c).mul(s.h)) as tf.Tensor2D }));

const heun = (s: StepContext): Move =>
  tf.tidy(() => {
    const d1 = flow(s.x, s.drift.grad, s.f, s.g2, s.c);
    const eulerPoint = s.x.add(d1.mul(s.h)) as tf.Tensor2D;
    const at = s.evaluateDrift(eulerPoint, s.tn);
    const d2 = flow(eulerPoint, at.grad, s.sde.f(s.tn), s.sde.g2(s.tn), s.c);
    tf.dispose([at.u, at.grad]);
    return { x: s.x.add(d1.add(d2).mul(s.h / 2)) as tf.Tensor2D };
  });

export const odeEuler: Part<Predictor> = {
  description: 'probability-flow ODE, Euler',
  create: () => ({ stochastic: false, move: euler }),
};

export const odeHeun: Part<Predictor> = {
  description: 'probability-flow ODE, Heun (2 evaluations a step)',
  create: () => ({ stochastic: false, move: heun }),
};
