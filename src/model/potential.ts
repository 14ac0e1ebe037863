// The one interface every sampler and weight uses: a potential U(x, t) in standardised space,
// with ∇ₓU, ΔU and ∂ₜU on request. exp(−U(·,t)) is the (unnormalised) marginal; the score is −∇ₓU.
// Implementations: the learned network (here), the exact Gaussian-mixture potential (exact.ts),
// sums of potentials (products of experts), and the plain-autodiff reference (reference.ts).

import * as tf from '@tensorflow/tfjs';
import { marginalVariance, type SDE } from '../sde.js';
import { withClassColumns } from './classColumns.js';
import { embed, type EmbeddingConfig } from './embedding.js';
import type { MlpParams } from './mlp.js';
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
  /** Class-conditional networks: the number of classes (one-hot inputs) and the class this potential is of (null: ∅). */
  classes?: number;
  label?: number | null;
}

/** The MLP's value and derivatives in (x, t) that U is assembled from. */
export interface MlpDerivatives {
  value: tf.Tensor1D;
  gx: tf.Tensor2D;
  dt?: tf.Tensor1D;
  lap?: tf.Tensor1D;
}

/** Inputs of the MLP: points, time features (one row when the time is shared) and their t-derivatives. */
export interface MlpInputs {
  x: tf.Tensor2D;
  features: Float32Array;
  featuresDt: Float32Array;
  rows: number;
}

/**
 * U_θ(x, t) = ‖x‖²/(2v_t) + MLP_θ(x, emb(t)) [/σ_t], v_t = α_t² + σ_t². The first term is the exact
 * potential of unit-variance Gaussian data under every SDE here, so the network learns only the
 * departure from it (docs/math.md §2). Dividing by σ_t makes σ_t∇ₓU, what DSM regresses on −z,
 * equal σ_t x/v_t + ∇ₓMLP: the MLP predicts noise at O(1) scale at every t instead of a score
 * that grows like 1/σ_t (see README, Findings, for why the default is without it).
 * Derivatives come from the fused ops: value and first derivatives by mlpFirstOrder (one op with
 * a hand-written parameter gradient), and with ΔU by mlpSecondOrder. The plain-autodiff
 * reference they are tested against is model/reference.ts.
 */
export class LearnedPotential implements Potential {
  readonly params: MlpParams;
  readonly embedding: EmbeddingConfig;
  readonly sde: SDE;
  readonly outputScale: OutputScale;

  constructor(o: LearnedPotentialOptions) {
    this.params = o.params;
    this.embedding = o.embedding;
    this.sde = o.sde;
    this.outputScale = o.outputScale ?? 'none';
    this.classes = o.classes ?? 0;
    this.label = o.label ?? null;
    if (this.label !== null && !(Number.isInteger(this.label) && this.label >= 0 && this.label < this.classes)) throw new Error(`class ${this.label} is not one of the model's ${this.classes} classes`);
  }

  readonly classes: number;
  readonly label: number | null;

  /** The MLP's derivatives: the one place that depends on what is needed. */
  protected mlpDerivatives(i: MlpInputs, need: Need): MlpDerivatives {
    if (need.lap) {
      // Second derivatives (fk, wfr): tangents forward, one backward pass (secondOrder.ts).
      const r = mlpSecondOrder(this.params, { x: i.x, features: i.features, featuresDt: i.featuresDt });
      return { value: r.value, gx: r.gx, dt: need.dt ? r.dt : undefined, lap: r.lap };
    }
    // First derivatives only (training, em): one op with a hand-written parameter gradient.
    return mlpFirstOrder(this.params, { x: i.x, features: i.features, featuresDt: need.dt ? i.featuresDt : undefined });
  }

  evaluate(x: tf.Tensor2D, t: number | Float32Array, need: Need = {}): PotentialValues {
    const n = x.shape[0];
    // A time shared by all rows (sampling) is embedded once: one row that broadcasts.
    const times = typeof t === 'number' ? Float32Array.of(t) : t;
    const rows = times.length;
    if (rows !== 1 && rows !== n) throw new Error(`got ${rows} times for ${n} points`);
    const time = embed(this.embedding, times, this.sde);
    const { value: features, dt: featuresDt } = this.classes > 0 ? withClassColumns(time, rows, this.classes, new Int32Array(rows).fill(this.label ?? -1)) : time;
    const mlp = this.mlpDerivatives({ x, features, featuresDt, rows }, need);
    return this.assemble(x, times, mlp, need);
  }

  /** U and its derivatives from the MLP's: the Gaussian quadratic plus the (σ-scaled) network. */
  private assemble(x: tf.Tensor2D, times: Float32Array, mlp: MlpDerivatives, need: Need): PotentialValues {
    const { invV, dInvV, invS, dInvS } = assemblyCoefficients(this.sde, this.outputScale, times);
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

/** Per-time coefficients of U = ‖x‖²/2·invV + MLP·invS: 1/v_t, ∂ₜ(1/v_t), 1/σ_t (or 1) and ∂ₜ of it. */
export function assemblyCoefficients(sde: SDE, outputScale: OutputScale, times: Float32Array) {
  const rows = times.length;
  const invV = new Float32Array(rows);
  const dInvV = new Float32Array(rows);
  const invS = new Float32Array(rows);
  const dInvS = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const ti = times[i];
    const s = sde.sigma(ti);
    const { v, dv } = marginalVariance(sde, ti);
    invV[i] = 1 / v;
    dInvV[i] = -dv / (v * v);
    invS[i] = outputScale === 'sigma' ? 1 / s : 1;
    dInvS[i] = outputScale === 'sigma' ? -sde.dSigma(ti) / (s * s) : 0;
  }
  return { invV, dInvV, invS, dInvS };
}

/** U = Σ λᵢUᵢ: the product of experts ∏ pᵢ^λᵢ (λ ≡ 1 unless given). */
/**
 * How many times faster than its net exponent a potential's path moves: Σ|λᵢ|/Σλᵢ for a product
 * (nested products multiply in), 1 otherwise. A product with negative exponents — guidance at
 * w > 1 is (w, 1 − w) — adds and subtracts potentials that each change along t, so its path
 * exp(−U(·, t)) changes as fast as Σ|λᵢ| of them while its net exponent is Σλᵢ; wfr's reaction
 * rate is scaled by this to keep up (docs/guidance.md).
 *
 * @example
 * ```ts
 * exponentSpread(new SumPotential([cond, uncond], [4, -3]));   // 7
 * ```
 */
export function exponentSpread(p: Potential): number {
  if (!(p instanceof SumPotential)) return 1;
  const net = p.lambdas.reduce((a, b) => a + b, 0);
  const moved = p.lambdas.reduce((a, l, i) => a + Math.abs(l) * exponentSpread(p.parts[i]), 0);
  return net > 0 ? Math.max(1, moved / net) : 1;
}

export class SumPotential implements Potential {
  readonly lambdas: number[];

  constructor(
    readonly parts: Potential[],
    lambdas?: number[],
  ) {
    if (parts.length === 0) throw new Error('a product needs at least one model');
    this.lambdas = lambdas ?? parts.map(() => 1);
    if (this.lambdas.length !== parts.length) throw new Error(`a product of ${parts.length} models needs ${parts.length} exponents λ, got ${this.lambdas.length}`);
  }

  evaluate(x: tf.Tensor2D, t: number | Float32Array, need: Need = {}): PotentialValues {
    const vals = this.parts.map((p) => p.evaluate(x, t, need));
    const scaled = <T extends tf.Tensor>(v: T, i: number): T => (this.lambdas[i] === 1 ? v : (v.mul(this.lambdas[i]) as T));
    const sum = <T extends tf.Tensor>(pick: (v: PotentialValues) => T | undefined) =>
      vals.slice(1).reduce((acc, v, i) => acc.add(scaled(pick(v)!, i + 1)) as T, scaled(pick(vals[0])!, 0));
    return {
      u: sum((v) => v.u),
      grad: sum((v) => v.grad),
      lap: need.lap ? sum((v) => v.lap) : undefined,
      dt: need.dt ? sum((v) => v.dt) : undefined,
    };
  }
}
