// Metropolis-adjusted Langevin (MALA) corrector at the level tn (docs/guidance.md): the Langevin
// proposal y = x − ε·c∇U(x) + √(2ε)·ξ of langevin.ts, accepted with probability
//   min(1, exp(−c·U(y) + c·U(x) − ‖x − y + ε·c∇U(y)‖²/(4ε) + ‖y − x + ε·c∇U(x)‖²/(4ε))),
// which leaves exp(−c·U(·, tn)) exactly invariant whatever ε — plain Langevin's stationary law is
// off by O(ε). It needs U itself, not only ∇U: a score-only model cannot run it.

import * as tf from '@tensorflow/tfjs';
import type { Corrector, CorrectorContext, CorrectorMove, Part } from '../parts.js';
import { disposeValues } from '../values.js';
import { langevinMove } from './langevin.js';

/** log of the MALA acceptance ratio per particle, from both points' U and ∇U (c-scaled inside). */
export function malaLogRatio(x: tf.Tensor2D, y: tf.Tensor2D, ux: tf.Tensor1D, gx: tf.Tensor2D, uy: tf.Tensor1D, gy: tf.Tensor2D, c: number, eps: number): tf.Tensor1D {
  return tf.tidy(() => {
    const back = x.sub(y).add(gy.mul(eps * c)).square().sum(1); // x ← y: −log q(x|y)·4ε
    const forth = y.sub(x).add(gx.mul(eps * c)).square().sum(1); // y ← x
    return uy.sub(ux).mul(-c).sub(back.sub(forth).div(4 * eps));
  }) as tf.Tensor1D;
}

/** One MALA step with the Langevin step size of the signal-to-noise rule times `scale`. */
export function malaMove(s: CorrectorContext, scale = 1): CorrectorMove {
  if (!s.evaluateDrift || !s.uniforms) throw new Error('the MALA corrector needs the potential at its proposals and uniform draws from the loop');
  // ε scales as r², so scaling r by √scale scales ε by `scale`.
  const prop = langevinMove({ ...s, snr: s.snr * Math.sqrt(scale) });
  prop.centres.dispose();
  const at = s.evaluateDrift(prop.x, s.tn, {});
  const logA = malaLogRatio(s.x, prop.x, s.drift.u, s.drift.grad, at.u, at.grad, s.c, prop.eps);
  const la = logA.dataSync();
  const u = s.uniforms();
  const keep = new Float32Array(la.length);
  let accepted = 0;
  for (let i = 0; i < la.length; i++) {
    // NaN (a proposal where U overflows) is a rejection.
    if (Math.log(u[i]) < la[i]) [keep[i], accepted] = [1, accepted + 1];
  }
  const x = tf.tidy(() => {
    const k = tf.tensor2d(keep, [la.length, 1]);
    return prop.x.mul(k).add(s.x.mul(tf.scalar(1).sub(k)));
  }) as tf.Tensor2D;
  tf.dispose([logA, prop.x]);
  disposeValues(at);
  return { x, eps: prop.eps, accepted: accepted / la.length };
}

/** The acceptance rate the step size is steered to (optimal scaling of MALA puts it near 0.57–0.75). */
export const MALA_TARGET_ACCEPTANCE = 0.7;

/**
 * The corrector: its step starts at the signal-to-noise rule's ε and is steered between steps
 * toward MALA_TARGET_ACCEPTANCE (log ε moves by the last step's acceptance minus the target).
 * Each step's ε depends only on earlier steps, so each step is still an exact Metropolis kernel.
 * `adapt: false` keeps the rule's ε. One per run: the steering is its state.
 */
export function malaCorrector(o: { adapt?: boolean } = {}): Corrector {
  let logScale = 0;
  return {
    weighted: false,
    move(s) {
      const m = malaMove(s, Math.exp(logScale));
      if (o.adapt ?? true) logScale += 2 * (m.accepted! - MALA_TARGET_ACCEPTANCE);
      return m;
    },
  };
}

export const mala: Part<Corrector> = {
  description: `Metropolis-adjusted Langevin: accept/reject with U at the level (exact invariance of exp(−U(·, t))), step steered to acceptance ${MALA_TARGET_ACCEPTANCE}`,
  create: () => malaCorrector(),
};
