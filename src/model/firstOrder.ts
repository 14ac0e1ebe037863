// The MLP's value, x-gradient and t-derivative in one op whose parameter gradient is written by
// hand: what training (DSM needs ∇ₓU, so its loss gradient is a second derivative) and the
// first-order samplers evaluate. Reference: mlpValueAndGrad under tfjs autodiff (test/gradients).
//
// Why by hand: tfjs autodiff of an explicit backward pass spent ~1.3× as long per step on wasm
// (transposed matMuls, casts, identities, axis-0 reductions). Every matMul here is plain and
// activations are row-major [N, w]: in the feature-major layout the one- and two-row products
// (value, ∇ₓ) cost ~0.3 ms each at N = 1024 against ~0.05 ms here (bench: single-op costs).

import * as tf from '@tensorflow/tfjs';
import { d2Silu, dSilu, type MlpParams } from './mlp.js';

export interface FirstOrderInput {
  /** Points [N, 2]. */
  x: tf.Tensor2D;
  /** Time features, row-major [rows, F] with rows = 1 (one time for all points) or N. */
  features: Float32Array;
  /** Their t-derivatives, same layout; when given, ∂ₜ of the MLP is returned too. */
  featuresDt?: Float32Array;
}

export interface FirstOrderValues {
  value: tf.Tensor1D;
  /** ∇ₓ of the MLP, [N, 2]. */
  gx: tf.Tensor2D;
  dt?: tf.Tensor1D;
}

/**
 * [R, C] → [C, R]. wasm's 2D transpose hits cache-set conflicts when R is a power of two
 * (measured for C = 128: 0.88 ms at R = 1024, 3.9 ms at 4096, but 0.16 ms at 4000); the same
 * permutation as a 3D transpose of [R, C/2, 2] avoids them (0.13 ms at 1024, 0.64 ms at 4096).
 */
export function transposeRows(a: tf.Tensor2D): tf.Tensor2D {
  const [r, c] = a.shape;
  if (r < 256 || (r & (r - 1)) !== 0 || c % 2 !== 0) return a.transpose();
  return a.reshape([r, c / 2, 2]).transpose([1, 2, 0]).reshape([c, r]);
}

/** h·W + b. (tf.fused.matMul with the bias is no faster on wasm: bench, single-op costs.) */
export const affine = (h: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D) => tf.matMul(h, W).add(b) as tf.Tensor2D;

/** Layer count K, points n, time features F and feature rows (1 or n) of an evaluation, checked. */
export function shapesOf(p: MlpParams, input: FirstOrderInput): { K: number; n: number; F: number; rows: number } {
  const K = p.kernels.length;
  if (K < 2) throw new Error('the MLP needs at least one hidden layer');
  const n = input.x.shape[0];
  const F = p.kernels[0].shape[0] - 2;
  const rows = input.features.length / F;
  if (rows !== 1 && rows !== n) throw new Error(`got ${rows} feature rows for ${n} points`);
  return { K, n, F, rows };
}

/** Layer 0's pre-activation x·W0x + (emb·W0e + b₀); the time part is one row when t is shared. */
export const firstPreActivation = (x: tf.Tensor2D, W0x: tf.Tensor2D, W0e: tf.Tensor2D, feat: tf.Tensor2D, b0: tf.Tensor1D) =>
  tf.matMul(x, W0x).add(tf.matMul(feat, W0e).add(b0)) as tf.Tensor2D;

/** The weights as the passes use them: W₀ split into its x and time rows, and every kernel transposed. */
export interface FirstOrderWeights {
  W: tf.Tensor2D[];
  b: tf.Tensor1D[];
  W0x: tf.Tensor2D;
  W0e: tf.Tensor2D;
  W0xT: tf.Tensor2D;
  WT: tf.Tensor2D[];
}

export function firstOrderWeights(W: tf.Tensor2D[], b: tf.Tensor1D[], F: number): FirstOrderWeights {
  const W0x = W[0].slice([0, 0], [2, -1]);
  return { W, b, W0x, W0e: W[0].slice([2, 0], [F, -1]), W0xT: W0x.transpose(), WT: W.map((w) => w.transpose() as tf.Tensor2D) };
}

/** What the forward pass leaves for the parameter gradient (per hidden layer k: a, σ(a), 1 − σ(a), h, φ'(a), g, δ). */
export interface FirstOrderTape {
  x: tf.Tensor2D;
  feat: tf.Tensor2D;
  featDt?: tf.Tensor2D;
  A: tf.Tensor2D[];
  S: tf.Tensor2D[];
  OMS: tf.Tensor2D[];
  H: tf.Tensor2D[];
  dPhi: tf.Tensor2D[];
  G: tf.Tensor2D[];
  D: tf.Tensor2D[];
  aDot?: tf.Tensor2D;
}

const LAYER_KEYS = ['A', 'S', 'OMS', 'H', 'dPhi', 'G', 'D'] as const;

/** The tape as one list (what a customGrad saves) and back. */
export function tapeList(t: FirstOrderTape): tf.Tensor[] {
  return [t.x, t.feat, ...(t.featDt ? [t.featDt] : []), ...LAYER_KEYS.flatMap((k) => t[k]), ...(t.aDot ? [t.aDot] : [])];
}

function tapeFromList(saved: tf.Tensor[], K: number, wantDt: boolean): FirstOrderTape {
  let i = 0;
  const take = (m: number) => saved.slice(i, (i += m)) as tf.Tensor2D[];
  const [x, feat] = take(2);
  const featDt = wantDt ? take(1)[0] : undefined;
  const layers = Object.fromEntries(LAYER_KEYS.map((k) => [k, take(K - 1)])) as Record<(typeof LAYER_KEYS)[number], tf.Tensor2D[]>;
  return { x, feat, featDt, ...layers, aDot: wantDt ? take(1)[0] : undefined };
}

/**
 * Forward pass and ∇ₓ's backward pass: the outputs as rows of one [3 or 4, N] tensor (value, ∇ₓ,
 * and ∂ₜ when featuresDt is given) and the tape the parameter gradient needs.
 */
export function firstOrderForward(w: FirstOrderWeights, input: FirstOrderInput): { out: tf.Tensor2D; tape: FirstOrderTape } {
  const { W, b, W0x, W0e, W0xT, WT } = w;
  const K = W.length;
  const n = input.x.shape[0];
  const F = W0e.shape[0];
  const rows = input.features.length / F;
  const feat = tf.tensor2d(input.features, [rows, F]);
  const featDt = input.featuresDt ? tf.tensor2d(input.featuresDt, [rows, F]) : undefined;
  const A: tf.Tensor2D[] = [];
  const S: tf.Tensor2D[] = [];
  const OMS: tf.Tensor2D[] = [];
  const H: tf.Tensor2D[] = [];
  let a = firstPreActivation(input.x, W0x, W0e, feat, b[0]);
  for (let k = 0; k + 1 < K; k++) {
    if (k > 0) a = affine(H[k - 1], W[k], b[k]);
    const s = tf.sigmoid(a);
    A.push(a);
    S.push(s);
    OMS.push(tf.sub(1, s));
    H.push(a.mul(s));
  }
  const u = affine(H[K - 2], W[K - 1], b[K - 1]); // [N, 1]

  // Backward for ∇ₓ: g_k = ∂u/∂h_k, δ_k = φ'(a_k)·g_k (the top g is wOutᵀ, one row).
  const G: tf.Tensor2D[] = new Array(K - 1);
  const D: tf.Tensor2D[] = new Array(K - 1);
  const dPhi: tf.Tensor2D[] = new Array(K - 1);
  let g: tf.Tensor2D = WT[K - 1];
  for (let k = K - 2; k >= 0; k--) {
    dPhi[k] = dSilu(A[k], S[k], OMS[k]);
    G[k] = g;
    D[k] = dPhi[k].mul(g);
    if (k > 0) g = tf.matMul(D[k], WT[k]);
  }
  const outputs = [u.reshape([1, n]), tf.matMul(D[0], W0xT).transpose()];
  // ∂ₜ: the directional derivative along the features' t-tangent ȧ₀ = ∂ₜemb·W0e.
  const aDot = featDt && (tf.matMul(featDt, W0e) as tf.Tensor2D); // [rows, w]
  if (aDot) outputs.push((rows === 1 ? tf.matMul(D[0], aDot.transpose()) : tf.matMul(D[0].mul(aDot), tf.ones([aDot.shape[1], 1]))).reshape([1, n]));
  return { out: tf.concat(outputs, 0) as tf.Tensor2D, tape: { x: input.x, feat, featDt, A, S, OMS, H, dPhi, G, D, aDot } };
}

/**
 * The reverse of firstOrderForward: from the outputs' cotangent dy ([3 or 4, N], rows as the
 * outputs) to the cotangents of x, of every kernel and of every bias, in that order.
 */
export function firstOrderBackward(w: FirstOrderWeights, t: FirstOrderTape, dy: tf.Tensor2D, o: { valueCotangent?: boolean } = {}): tf.Tensor[] {
  // Without a cotangent on the value (DSM alone, the MLP entering U as is) the reverse of the
  // forward pass starts at the top hidden layer with nothing: its terms are skipped.
  const withValue = o.valueCotangent ?? true;
  const { W, W0x, W0xT, WT } = w;
  const K = W.length;
  const n = t.x.shape[0];
  const rows = t.feat.shape[0];
  const uBar = dy.slice([0, 0], [1, n]).reshape([n, 1]);
  const gxBar = dy.slice([1, 0], [2, n]).transpose(); // [N, 2]
  const dtBar = t.featDt ? dy.slice([3, 0], [1, n]).reshape([n, 1]) : undefined;
  const ones = tf.ones([n, 1]);
  // Weight gradients are accumulated transposed, Wᵀ-shaped: Σₙ (right factor)ᵀ·(left),
  // so the one transpose per term is of a right factor ([N, w] → [w, N]) and the matMul's
  // right operand is the other factor.
  const WBarT: tf.Tensor2D[] = new Array(K);
  const bBar: tf.Tensor1D[] = new Array(K);

  // Outputs → δ̄₀ (the cotangent of δ₀), and layer 0's share through ∇ₓ and ∂ₜ.
  let dBar = tf.matMul(gxBar, W0x) as tf.Tensor2D; // [N, w]
  const D0T = transposeRows(t.D[0]);
  const W0xBarT = tf.matMul(D0T, gxBar); // [w, 2]
  let W0eBarT: tf.Tensor2D | undefined;
  if (dtBar) {
    dBar = dBar.add(dtBar.mul(t.aDot!)) as tf.Tensor2D;
    W0eBarT = (rows === 1 ? tf.matMul(tf.matMul(D0T, dtBar), t.featDt!) : tf.matMul(D0T, t.featDt!.mul(dtBar))) as tf.Tensor2D;
  }
  // Reverse of the backward pass, bottom up: δ_k = φ'(a_k)·g_k, g_k = δ_{k+1}·W_{k+1}ᵀ.
  const aBar: tf.Tensor2D[] = new Array(K - 1);
  const gBars: tf.Tensor2D[] = new Array(K - 1);
  for (let k = 0; k + 1 < K; k++) {
    gBars[k] = dBar.mul(t.dPhi[k]) as tf.Tensor2D;
    aBar[k] = dBar.mul(t.G[k]).mul(d2Silu(t.A[k], t.S[k], t.OMS[k])) as tf.Tensor2D;
    if (k + 2 < K) dBar = tf.matMul(gBars[k], W[k + 1]) as tf.Tensor2D;
  }
  // Reverse of the forward pass, top down, from the value's cotangent; the top layer's
  // weight also gets the backward pass's share (g_top = wOutᵀ in every row).
  // Column sums as (transposed rows)·ones: an axis-0 sum is ~5× slower on wasm, and onesᵀ·M
  // packs M as the product's right operand.
  const colSums = (m: tf.Tensor2D) => tf.matMul(transposeRows(m), ones).reshape([1, -1]) as tf.Tensor2D;
  bBar[K - 1] = withValue ? uBar.sum().reshape([1]) : tf.zeros([1]);
  WBarT[K - 1] = colSums(withValue ? t.H[K - 2].mul(uBar).add(gBars[K - 2]) : gBars[K - 2]); // [1, w]
  let hBar = withValue ? (uBar.mul(WT[K - 1]) as tf.Tensor2D) : undefined; // [N, w]
  for (let k = K - 2; k >= 0; k--) {
    const aB = hBar ? (aBar[k].add(hBar.mul(t.dPhi[k])) as tf.Tensor2D) : aBar[k];
    const aBT = transposeRows(aB);
    bBar[k] = tf.matMul(aBT, ones).reshape([-1]);
    if (k > 0) {
      // W_k: from a_k = h_{k-1}·W_k and from g_{k-1} = δ_k·W_kᵀ.
      WBarT[k] = tf.matMul(aBT, t.H[k - 1]).add(tf.matMul(transposeRows(t.D[k]), gBars[k - 1]));
      hBar = tf.matMul(aB, WT[k]) as tf.Tensor2D;
    } else {
      const xPart = W0xBarT.add(tf.matMul(aBT, t.x));
      const e = rows === 1 ? tf.matMul(tf.matMul(aBT, ones), t.feat) : tf.matMul(aBT, t.feat);
      const ePart = W0eBarT ? W0eBarT.add(e) : e;
      WBarT[0] = tf.concat([xPart, ePart], 1) as tf.Tensor2D;
      // x enters only through a₀ = x·W0x + …, so its cotangent is ā₀·W0xᵀ.
      return [tf.matMul(aB, W0xT), ...WBarT.map((wb) => wb.transpose()), ...bBar];
    }
  }
  throw new Error('unreachable');
}

/** Splits the [3 or 4, N] output rows into value, ∇ₓ and ∂ₜ. */
export function firstOrderValues(out: tf.Tensor2D, n: number, wantDt: boolean): FirstOrderValues {
  return {
    value: out.slice([0, 0], [1, n]).reshape([n]) as tf.Tensor1D,
    gx: out.slice([1, 0], [2, n]).transpose(),
    dt: wantDt ? (out.slice([3, 0], [1, n]).reshape([n]) as tf.Tensor1D) : undefined,
  };
}

export function mlpFirstOrder(p: MlpParams, input: FirstOrderInput): FirstOrderValues {
  const { K, n, F } = shapesOf(p, input);
  const wantDt = input.featuresDt !== undefined;

  const op = tf.customGrad(((...args: unknown[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const x = args[0] as tf.Tensor2D;
    const W = args.slice(1, K + 1) as tf.Tensor2D[];
    const b = args.slice(K + 1) as tf.Tensor1D[];
    const { out, tape } = firstOrderForward(firstOrderWeights(W, b, F), { ...input, x });
    save(tapeList(tape));
    return {
      value: out,
      // Only inputs and saved tensors outlive the forward pass under a gradient tape, so the
      // backward pass recomputes the small slices and transposes of the weights.
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => firstOrderBackward(firstOrderWeights(W, b, F), tapeFromList(saved, K, wantDt), dy as tf.Tensor2D),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);

  return firstOrderValues(op(input.x, ...p.kernels, ...p.biases) as tf.Tensor2D, n, wantDt);
}
