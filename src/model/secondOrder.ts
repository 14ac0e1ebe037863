// The MLP's value, ∇ₓ, ∂ₜ and Laplacian Δₓ for the weighted samplers (fk, wfr), from one forward
// pass carrying two x-tangents and one backward pass. Reference: the forward-mode jet (mlp.ts),
// which carries a t-tangent and a Laplacian stream instead and costs 5 big matMuls per hidden
// layer where this costs 4 (test/potential.test.ts checks the two agree).
//
// Why it works: the second directional derivative of a composition of linear maps and
// elementwise φ is a sum over units of (adjoint at the unit's output)·φ''(a)·(tangent of a)²,
// since linear maps have no curvature. Summed over the two x-directions:
//   ΔU = Σ_layers Σ_units g·φ''(a)·‖∇ₓa‖²,   g = ∂U/∂h from the backward pass that also gives
// ∇ₓU, and ∂ₜU = ⟨δ₀, ∂ₜa₀⟩ comes from the same backward pass at no extra matMul.

import * as tf from '@tensorflow/tfjs';
import { affine, firstPreActivation, shapesOf, type FirstOrderInput } from './firstOrder.js';
import { d2Silu, dSilu, type MlpParams } from './mlp.js';

export interface SecondOrderValues {
  value: tf.Tensor1D;
  gx: tf.Tensor2D;
  dt: tf.Tensor1D;
  lap: tf.Tensor1D;
}

export function mlpSecondOrder(p: MlpParams, input: Required<FirstOrderInput>): SecondOrderValues {
  const { K, n, F, rows } = shapesOf(p, input);
  const { x } = input;
  const W = p.kernels;
  const W0x = W[0].slice([0, 0], [2, -1]);
  const W0e = W[0].slice([2, 0], [F, -1]);

  // Forward: pre-activations a_k, their x-tangents (∂a_k/∂x₁, ∂a_k/∂x₂), and the curvature
  // φ''(a_k)·‖∇ₓa_k‖² that the backward pass weighs. Layer 0's tangents are W0x's rows.
  let a = firstPreActivation(x, W0x, W0e, tf.tensor2d(input.features, [rows, F]), p.biases[0]);
  let tangents: tf.Tensor2D[] = [W0x.slice([0, 0], [1, -1]), W0x.slice([1, 0], [1, -1])];
  const dPhi: tf.Tensor2D[] = [];
  const curvature: tf.Tensor2D[] = [];
  let h: tf.Tensor2D | undefined;
  for (let k = 0; k + 1 < K; k++) {
    if (k > 0) {
      a = affine(h!, W[k], p.biases[k]);
      tangents = tangents.map((t) => tf.matMul(dPhi[k - 1].mul(t) as tf.Tensor2D, W[k]));
    }
    const s = tf.sigmoid(a);
    const oneMinusS = tf.sub(1, s) as tf.Tensor2D;
    h = a.mul(s) as tf.Tensor2D;
    dPhi.push(dSilu(a, s, oneMinusS));
    curvature.push(d2Silu(a, s, oneMinusS).mul(tangents[0].square().add(tangents[1].square())) as tf.Tensor2D);
  }
  const value = affine(h!, W[K - 1], p.biases[K - 1]).reshape([n]) as tf.Tensor1D;

  // Backward: g_k = ∂U/∂h_k (the top one is wOutᵀ, one row), δ_k = φ'(a_k)·g_k.
  let g: tf.Tensor2D = W[K - 1].transpose();
  let lap: tf.Tensor1D | undefined;
  let delta: tf.Tensor2D | undefined;
  for (let k = K - 2; k >= 0; k--) {
    // Σ_units g·curvature; at the top g is one row (wOutᵀ), so the sum is a matMul with wOut.
    const term = (k === K - 2 ? tf.matMul(curvature[k], W[K - 1]).reshape([n]) : g.mul(curvature[k]).sum(1)) as tf.Tensor1D;
    lap = lap ? (lap.add(term) as tf.Tensor1D) : term;
    delta = dPhi[k].mul(g) as tf.Tensor2D;
    if (k > 0) g = tf.matMul(delta, W[k].transpose());
  }
  const gx = tf.matMul(delta!, W0x.transpose()) as tf.Tensor2D;
  const aDot = tf.matMul(tf.tensor2d(input.featuresDt, [rows, F]), W0e) as tf.Tensor2D; // ∂ₜa₀, [rows, w]
  const dt = (rows === 1 ? tf.matMul(delta!, aDot.transpose()) : delta!.mul(aDot).sum(1)).reshape([n]) as tf.Tensor1D;
  return { value, gx, dt, lap: lap! };
}
