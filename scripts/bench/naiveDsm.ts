// The naive baseline the benchmark measures training against: U by a plain forward pass with
// tfjs's default matMul gradients, ∇ₓU by tf.grad, parameter gradients by reverse mode through
// that (nested autodiff). Timing only: in tfjs 4.22 nested gradients through sigmoid come out
// wrong (test/potential.test.ts), so this is not a correct training step, just the cost of one.

import * as tf from '@tensorflow/tfjs';
import { embed, type EmbeddingConfig } from '../../src/model/embedding.js';
import { mlpValue, type MlpParams } from '../../src/model/mlp.js';
import type { SDE } from '../../src/sde.js';

export function naiveDsmStep(params: MlpParams, vars: tf.Variable[], emb: EmbeddingConfig, sde: SDE, x0: Float32Array, t: Float32Array, z: Float32Array): number {
  const n = t.length;
  return tf.tidy(() => {
    const xt = new Float32Array(2 * n);
    const sig = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const [a, s] = [sde.alpha(t[i]), sde.sigma(t[i])];
      sig[i] = s;
      xt[2 * i] = a * x0[2 * i] + s * z[2 * i];
      xt[2 * i + 1] = a * x0[2 * i + 1] + s * z[2 * i + 1];
    }
    const e = tf.tensor2d(embed(emb, t, sde).value, [n, 2 * emb.features]);
    const u = (x: tf.Tensor) => x.square().sum().mul(0.5).add(mlpValue(params, tf.concat([x as tf.Tensor2D, e], 1) as tf.Tensor2D).sum());
    const zt = tf.tensor2d(z, [n, 2]);
    const st = tf.tensor1d(sig).expandDims(1);
    const x = tf.tensor2d(xt, [n, 2]);
    const { value } = tf.variableGrads(() => zt.sub(tf.grad(u)(x).mul(st)).square().sum(1).mean() as tf.Scalar, vars);
    return value.dataSync()[0];
  });
}
