// The one interface every sampler and weight uses: a potential U(x, t) in standardised space,
// with ∇ₓU, ΔU and ∂ₜU on request. exp(−U(·,t)) is the (unnormalised) marginal; the score is −∇ₓU.
// Implementations: the learned network (here), the exact Gaussian-mixture potential (exact.ts),
// and sums of potentials (products of experts).

import * as tf from '@tensorflow/tfjs';
import type { SDE } from '../sde.js';
import { embed, type EmbeddingConfig } from './embedding.js';
import { mlpJet, mlpValueAndGrad, type MlpParams } from './mlp.js';
import { mlpFirstOrder } from './firstOrder.js';
import { mlpSecondOrder } from './secondOrder.js';

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

/** How the MLP enters U: as is (default) or divided by σ_t. */
export type OutputScale = 'sigma' | 'none';

export interface LearnedPotentialOptions {
  params: MlpParams;
  embedding: EmbeddingConfig;
  sde: SDE;
  /** Default 'none'. */
  outputScale?: OutputScale;
  /**
   * 'fused' (default): value and first derivatives by mlpFirstOrder, one op with a hand-written
   * parameter gradient; with ΔU, mlpSecondOrder. 'reference': first derivatives as plain tfjs
   * ops differentiated by tfjs autodiff, and the forward-mode jet for ΔU: what tests check the
   * fused paths against.
   */
  impl?: 'fused' | 'reference';
}

/**
 * U_θ(x, t) = ‖x‖²/(2v_t) + MLP_θ(x, emb(t)) [/σ_t], v_t = α_t² + σ_t². The first term is the exact
 * potential of unit-variance Gaussian data under every SDE here, so the network learns only the
 * departure from it (design §2 uses ‖x‖²/2, the VP case). Dividing by σ_t makes σ_t∇ₓU, what
 * DSM regresses on −z, equal σ_t x/v_t + ∇ₓMLP: the MLP predicts noise at O(1) scale at every t
 * instead of a score that grows like 1/σ_t (measured: held-out DSM loss after 400 small-net
 * steps 0.54 → 0.54 without it; see test/train.test.ts for the number with it).
 */
export class LearnedPotential implements Potential {
  readonly params: MlpParams;
  readonly embedding: EmbeddingConfig;
  readonly sde: SDE;
  readonly outputScale: OutputScale;
  readonly impl: 'fused' | 'reference';

  constructor(o: LearnedPotentialOptions) {
    this.params = o.params;
    this.embedding = o.embedding;
    this.sde = o.sde;
    this.outputScale = o.outputScale ?? 'none';
    this.impl = o.impl ?? 'fused';
  }

  evaluate(x: tf.Tensor2D, t: number | Float32Array, need: Need = {}): PotentialValues {
    const n = x.shape[0];
    // A time shared by all rows (sampling) is embedded once: one row that broadcasts.
    const times = typeof t === 'number' ? Float32Array.of(t) : t;
    const rows = times.length;
    if (rows !== 1 && rows !== n) throw new Error(`got ${rows} times for ${n} points`);
    const { value: e, dt: eDt } = embed(this.embedding, times);
    const inDim = 2 + e.length / rows;

    let mlp: { value: tf.Tensor1D; gx: tf.Tensor2D; dt?: tf.Tensor1D; lap?: tf.Tensor1D };
    if (need.lap && this.impl === 'fused') {
      // Second derivatives (fk, wfr): tangents forward, one backward pass (secondOrder.ts).
      const r = mlpSecondOrder(this.params, { x, features: e, featuresDt: eDt });
      mlp = { value: r.value, gx: r.gx, dt: need.dt ? r.dt : undefined, lap: r.lap };
    } else if (need.lap) {
      const features = tf.tensor2d(e, [rows, inDim - 2]);
      // The Laplacian needs second derivatives: the forward-mode jet. Input tangents: one-hot
      // rows for x₁, x₂, and [0, 0, emb'(t)] for t (one row when t is shared, else one per row).
      const oneHot = (k: number) => tf.tensor2d(Float32Array.from({ length: inDim }, (_, j) => (j === k ? 1 : 0)), [1, inDim]);
      const derivs = [oneHot(0), oneHot(1)];
      if (need.dt) {
        const dIn = new Float32Array(rows * inDim);
        for (let i = 0; i < rows; i++) dIn.set(eDt.subarray(i * (inDim - 2), (i + 1) * (inDim - 2)), i * inDim + 2);
        derivs.push(tf.tensor2d(dIn, [rows, inDim]));
      }
      const jet = mlpJet(this.params, [x, features], derivs, true);
      // [N, 2] from two [N] columns: a contiguous concat and a small transpose (tf.stack along
      // axis 1 is a strided copy, slow on wasm).
      const gx = tf.concat([jet.derivs[0].reshape([1, n]), jet.derivs[1].reshape([1, n])], 0).transpose() as tf.Tensor2D;
      mlp = { value: jet.value, gx, dt: jet.derivs[2], lap: jet.lap };
    } else if (this.impl === 'fused') {
      // First derivatives only (training, em): one op with a hand-written parameter gradient.
      mlp = mlpFirstOrder(this.params, { x, features: e, featuresDt: need.dt ? eDt : undefined });
    } else {
      const features = tf.tensor2d(e, [rows, inDim - 2]);
      const r = mlpValueAndGrad(this.params, [x, features], [true, !!need.dt]);
      mlp = { value: r.value, gx: r.grads[0]! };
      if (need.dt) mlp.dt = r.grads[1]!.mul(tf.tensor2d(eDt, [rows, inDim - 2])).sum(1) as tf.Tensor1D;
    }

    // SDE coefficients per time: 1/v_t and ∂ₜ of the quadratic's factor, 1/σ_t and ∂ₜ(1/σ_t).
    const invV = new Float32Array(rows);
    const dInvV = new Float32Array(rows);
    const invS = new Float32Array(rows);
    const dInvS = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      const ti = times[i];
      const a = this.sde.alpha(ti);
      const s = this.sde.sigma(ti);
      const v = a * a + s * s;
      invV[i] = 1 / v;
      dInvV[i] = -(2 * a * this.sde.dAlpha(ti) + 2 * s * this.sde.dSigma(ti)) / (v * v);
      invS[i] = this.outputScale === 'sigma' ? 1 / s : 1;
      dInvS[i] = this.outputScale === 'sigma' ? -this.sde.dSigma(ti) / (s * s) : 0;
    }
    const iv = tf.tensor1d(invV);
    const is = tf.tensor1d(invS);
    const sq = x.square().sum(1);
    const result: PotentialValues = {
      u: sq.mul(iv).mul(0.5).add(mlp.value.mul(is)) as tf.Tensor1D,
      grad: x.mul(iv.expandDims(1)).add(mlp.gx.mul(is.expandDims(1))) as tf.Tensor2D,
    };
    if (need.dt) {
      // ∂ₜ[‖x‖²/(2v)] + ∂ₜMLP/σ + MLP·∂ₜ(1/σ)
      result.dt = sq
        .mul(tf.tensor1d(dInvV))
        .mul(0.5)
        .add(mlp.dt!.mul(is))
        .add(mlp.value.mul(tf.tensor1d(dInvS))) as tf.Tensor1D;
    }
    if (need.lap) result.lap = iv.mul(2).add(mlp.lap!.mul(is)) as tf.Tensor1D;
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
