// The one interface every sampler and weight uses: a potential U(x, t) in standardised space,
// with ∇ₓU, ΔU and ∂ₜU on request. exp(−U(·,t)) is the (unnormalised) marginal; the score is −∇ₓU.
// Implementations: the learned network (here), the exact Gaussian-mixture potential (exact.ts),
// and sums of potentials (products of experts).

import * as tf from '@tensorflow/tfjs';
import type { SDE } from '../sde.js';
import { embed, type EmbeddingConfig } from './embedding.js';
import { mlpJet, type MlpParams } from './mlp.js';
import { fastMatMul, type MatMul } from './fastMatMul.js';

export interface PotentialValues {
  u: tf.Tensor1D;
  grad: tf.Tensor2D;
  lap?: tf.Tensor1D;
  dt?: tf.Tensor1D;
}

export interface Need {
  lap?: boolean;
  dt?: boolean;
}

export interface Potential {
  /** x: [N, 2] standardised points; t: one time for all rows, or one per row. */
  evaluate(x: tf.Tensor2D, t: number | Float32Array, need?: Need): PotentialValues;
}

/**
 * U_θ(x, t) = ‖x‖²/(2v_t) + MLP_θ(x, emb(t)), v_t = α_t² + σ_t²: the first term is the exact
 * potential of unit-variance Gaussian data under every SDE here, so the network learns only the
 * departure from it (design §2 uses ‖x‖²/2, which is the VP case).
 */
export class LearnedPotential implements Potential {
  constructor(
    readonly params: MlpParams,
    readonly embedding: EmbeddingConfig,
    readonly sde: SDE,
    private readonly mm: MatMul = fastMatMul,
  ) {}

  evaluate(x: tf.Tensor2D, t: number | Float32Array, need: Need = {}): PotentialValues {
    const n = x.shape[0];
    const times = typeof t === 'number' ? new Float32Array(n).fill(t) : t;
    if (times.length !== n) throw new Error(`got ${times.length} times for ${n} points`);
    const { value: e, dt: eDt } = embed(this.embedding, times);
    const inDim = 2 + e.length / n;

    // Derivative blocks of the input: ∂/∂x₁, ∂/∂x₂, [∂/∂t], [Laplacian (zero: affine in x)].
    const B = 2 + (need.dt ? 1 : 0) + (need.lap ? 1 : 0);
    const consts = new Float32Array(B * n * inDim);
    for (let i = 0; i < n; i++) {
      consts[i * inDim] = 1;
      consts[(n + i) * inDim + 1] = 1;
      if (need.dt) consts.set(eDt.subarray(i * (inDim - 2), (i + 1) * (inDim - 2)), (2 * n + i) * inDim + 2);
    }
    const input = tf.concat([x, tf.tensor2d(e, [n, inDim - 2])], 1) as tf.Tensor2D;
    const jet = mlpJet(this.params, input, tf.tensor3d(consts, [B, n, inDim]), !!need.lap, this.mm);
    const row = (k: number) => jet.derivs.slice([k, 0], [1, n]).reshape([n]) as tf.Tensor1D;

    const v = new Float32Array(n);
    const dv = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const a = this.sde.alpha(times[i]);
      const s = this.sde.sigma(times[i]);
      v[i] = a * a + s * s;
      dv[i] = 2 * a * this.sde.dAlpha(times[i]) + 2 * s * this.sde.dSigma(times[i]);
    }
    const invV = tf.tensor1d(v.map((vi) => 1 / vi));
    const sq = x.square().sum(1);
    const result: PotentialValues = {
      u: sq.mul(invV).mul(0.5).add(jet.value) as tf.Tensor1D,
      grad: x.mul(invV.expandDims(1)).add(jet.derivs.slice([0, 0], [2, n]).transpose()) as tf.Tensor2D,
    };
    let k = 2;
    if (need.dt) {
      const dq = tf.tensor1d(dv.map((d, i) => -d / (2 * v[i] * v[i])));
      result.dt = sq.mul(dq).add(row(k++)) as tf.Tensor1D;
    }
    if (need.lap) result.lap = invV.mul(2).add(row(k)) as tf.Tensor1D;
    return result;
  }
}

/** U = Σ Uᵢ: the product of experts exp(−ΣUᵢ). */
export class SumPotential implements Potential {
  constructor(readonly parts: Potential[]) {
    if (parts.length === 0) throw new Error('a product needs at least one model');
  }

  evaluate(x: tf.Tensor2D, t: number | Float32Array, need: Need = {}): PotentialValues {
    const vals = this.parts.map((p) => p.evaluate(x, t, need));
    const sum = <T extends tf.Tensor>(pick: (v: PotentialValues) => T | undefined) =>
      vals.slice(1).reduce((acc, v) => acc.add(pick(v)!) as T, pick(vals[0])!);
    return {
      u: sum((v) => v.u),
      grad: sum((v) => v.grad),
      lap: need.lap ? sum((v) => v.lap) : undefined,
      dt: need.dt ? sum((v) => v.dt) : undefined,
    };
  }
}
