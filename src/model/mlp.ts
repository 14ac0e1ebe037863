// The SiLU MLP inside the potential: its parameters and initialisation, and the plain-op
// reference evaluations — forward pass, explicit backward pass for ∇ₓ, and the forward-mode
// "jet" that carries value, x-derivatives, t-derivative and Laplacian through every layer
// (docs/math.md §2). The fused ops (firstOrder.ts, secondOrder.ts) are tested against these.

import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng.js';

export interface MlpParams {
  kernels: tf.Tensor2D[];
  biases: tf.Tensor1D[];
}

/**
 * Extra gain on the first-layer weights of x. With plain Glorot weights the SiLU units see
 * pre-activations ~0.3·x and are nearly quadratic in x, so at init no feature correlates with
 * the many-fold symmetric residual of a mixture like eight-gaussians and DSM sits on a plateau
 * (measured: held-out loss flat at its initial 0.554 for 600+ steps; with gain 4 it is 0.487
 * after 300 steps, floor 0.451).
 */
const X_INPUT_GAIN = 4;

/** Glorot-uniform kernels (x rows scaled by X_INPUT_GAIN) and zero biases; the last layer
 * (width 1) starts at zero so U starts as the exact potential of Gaussian data. */
export function initMlp(sizes: number[], rng: Rng): MlpParams {
  const kernels: tf.Tensor2D[] = [];
  const biases: tf.Tensor1D[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const limit = l + 2 === sizes.length ? 0 : Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(fanIn * fanOut).map(() => (2 * rng.uniform() - 1) * limit);
    if (l === 0) for (let j = 0; j < 2 * fanOut; j++) w[j] *= X_INPUT_GAIN; // rows 0, 1: x₁, x₂
    kernels.push(tf.tensor2d(w, [fanIn, fanOut]));
    biases.push(tf.zeros([fanOut]));
  }
  return { kernels, biases };
}

export function flattenParams(p: MlpParams): tf.Tensor[] {
  return p.kernels.flatMap((k, i) => [k, p.biases[i]]);
}

export function unflattenParams(list: tf.Tensor[]): MlpParams {
  if (list.length % 2 !== 0) throw new Error(`expected kernel/bias pairs, got ${list.length} tensors`);
  const kernels: tf.Tensor2D[] = [];
  const biases: tf.Tensor1D[] = [];
  for (let i = 0; i < list.length; i += 2) {
    kernels.push(list[i] as tf.Tensor2D);
    biases.push(list[i + 1] as tf.Tensor1D);
  }
  return { kernels, biases };
}

/** φ'(a) of SiLU φ(a) = a·σ(a), from s = σ(a) and 1 − s. */
export const dSilu = (a: tf.Tensor2D, s: tf.Tensor2D, oneMinusS: tf.Tensor2D = tf.sub(1, s)) =>
  s.mul(a.mul(oneMinusS).add(1)) as tf.Tensor2D;
/** φ''(a) = s(1 − s)(2 + a(1 − 2s)). */
export const d2Silu = (a: tf.Tensor2D, s: tf.Tensor2D, oneMinusS: tf.Tensor2D = tf.sub(1, s)) =>
  s.mul(oneMinusS).mul(a.mul(oneMinusS.sub(s)).add(2)) as tf.Tensor2D;

/** Plain forward pass: [N, in] → [N]. The reference the jet is tested against. */
export function mlpValue(p: MlpParams, input: tf.Tensor2D): tf.Tensor1D {
  let h = input;
  const L = p.kernels.length;
  for (let l = 0; l < L; l++) {
    const a = tf.matMul(h, p.kernels[l]).add(p.biases[l]) as tf.Tensor2D;
    h = l + 1 < L ? (a.mul(tf.sigmoid(a)) as tf.Tensor2D) : a;
  }
  return h.reshape([-1]) as tf.Tensor1D;
}

/**
 * Forward-mode jet. `value` is the input [N, in] as column blocks (x, time features); `derivs`
 * are its directional derivatives
 * (x₁, x₂, optionally t), each [N, in] or [1, in] when the same for every row (the x-derivatives
 * of the input are constant one-hot rows: one tiny matMul instead of N rows). With `laplacian`
 * the Laplacian is carried too (the input's is zero: it is affine in x), using
 * Δφ(a) = φ''(a)·Σᵢ(∂ᵢa)² + φ'(a)·Δa with the x-derivatives at derivs[0], derivs[1].
 * Every quantity is its own tensor: on wasm, slicing blocks out of one stacked tensor cost
 * more than the matMuls (measured 260 ms of 300 ms per sampling step at N = 4000).
 */
export function mlpJet(
  p: MlpParams,
  value: tf.Tensor2D[],
  derivs: tf.Tensor2D[],
  laplacian: boolean,
): { value: tf.Tensor1D; derivs: tf.Tensor1D[]; lap?: tf.Tensor1D } {
  const mm = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D => tf.matMul(a, b);
  const n = value[0].shape[0];
  let h: tf.Tensor2D | undefined;
  let D = derivs;
  let L: tf.Tensor2D | undefined; // undefined: zero
  const L_ = p.kernels.length;
  for (let l = 0; l < L_; l++) {
    const W = p.kernels[l];
    const a = (l === 0 ? firstLayer(p, value) : mm(h!, W)).add(p.biases[l]) as tf.Tensor2D;
    const dA = D.map((d) => mm(d, W));
    const lA = L && mm(L, W);
    if (l + 1 === L_) {
      const col = (t: tf.Tensor2D) => (t.shape[0] === n ? t : t.tile([n, 1])).reshape([n]) as tf.Tensor1D;
      return { value: col(a), derivs: dA.map(col), lap: laplacian ? (lA ? col(lA) : tf.zeros([n])) : undefined };
    }
    const s = tf.sigmoid(a);
    const oneMinusS = tf.sub(1, s) as tf.Tensor2D;
    const d1 = dSilu(a, s, oneMinusS);
    if (laplacian) {
      const d2 = d2Silu(a, s, oneMinusS);
      const curvature = d2.mul(dA[0].square().add(dA[1].square()));
      L = (lA ? curvature.add(d1.mul(lA)) : curvature) as tf.Tensor2D;
    }
    D = dA.map((d) => d.mul(d1) as tf.Tensor2D);
    h = a.mul(s) as tf.Tensor2D;
  }
  throw new Error('MLP has no layers');
}

/** x₀·W₀ for an input given as column blocks: each block times its own rows of W₀ (no concat). */
function firstLayer(p: MlpParams, blocks: tf.Tensor2D[]): tf.Tensor2D {
  let row = 0;
  return blocks
    .map((b) => {
      const z: tf.Tensor2D = tf.matMul(b, p.kernels[0].slice([row, 0], [b.shape[1], -1]));
      row += b.shape[1];
      return z;
    })
    .reduce((acc, z) => acc.add(z) as tf.Tensor2D);
}

/**
 * Value and input gradient by an explicit backward pass, written as ordinary tfjs ops so that
 * first-order autodiff can differentiate it (nested tf.grad is wrong through sigmoid in tfjs
 * 4.22): the reference for mlpFirstOrder, which computes the same with a hand-written
 * gradient. Two N-row matMuls per hidden layer (forward h·W, backward g·Wᵀ) where the jet
 * needs three (value and two x-tangents); no Laplacian. The input comes as
 * column blocks (e.g. x and the time features), each multiplying its own rows of W₀, so no
 * concat is needed and the gradient comes back per block.
 */
export function mlpValueAndGrad(
  p: MlpParams,
  blocks: tf.Tensor2D[],
  wantGrad: boolean[],
): { value: tf.Tensor1D; grads: (tf.Tensor2D | undefined)[] } {
  const mm = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D => tf.matMul(a, b);
  const n = blocks[0].shape[0];
  const L = p.kernels.length;
  const w0: tf.Tensor2D[] = [];
  let row = 0;
  for (const b of blocks) {
    w0.push(p.kernels[0].slice([row, 0], [b.shape[1], -1]));
    row += b.shape[1];
  }
  const pre: tf.Tensor2D[] = [];
  let h: tf.Tensor2D | undefined;
  for (let l = 0; l + 1 < L; l++) {
    const z = l === 0 ? blocks.map((b, k) => mm(b, w0[k])).reduce((acc, v) => acc.add(v) as tf.Tensor2D) : mm(h!, p.kernels[l]);
    const a = z.add(p.biases[l]) as tf.Tensor2D;
    pre.push(a);
    h = a.mul(tf.sigmoid(a)) as tf.Tensor2D;
  }
  if (!h) throw new Error('MLP has no hidden layer');
  const value = mm(h, p.kernels[L - 1]).add(p.biases[L - 1]).reshape([n]) as tf.Tensor1D;
  // g = ∂out/∂h_l, starting from the output layer's single column (one row, broadcast).
  let g: tf.Tensor2D = p.kernels[L - 1].transpose();
  for (let l = L - 2; l >= 0; l--) {
    const a = pre[l];
    const s = tf.sigmoid(a);
    const dPhi = dSilu(a, s);
    const gA = dPhi.mul(g) as tf.Tensor2D;
    if (l === 0) return { value, grads: w0.map((w, k) => (wantGrad[k] ? mm(gA, w.transpose()) : undefined)) };
    g = mm(gA, p.kernels[l].transpose());
  }
  throw new Error('unreachable');
}
