// The few linear-algebra ops the MLP is written in, in two sets: tfjs's own (PLAIN_OPS, the
// reference) and ones whose gradients avoid what is slow on wasm (FAST_OPS): matMul with
// transposeA/transposeB is ~10× slower than tf.transpose + plain matMul, and a reduction over
// rows goes through a transpose, so those gradients are written as plain matMuls.

import * as tf from '@tensorflow/tfjs';

export type MatMul = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

export const fastMatMul: MatMul = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    save([a, b]);
    return {
      value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[1] as tf.Tensor2D)),
        tf.matMul(tf.transpose(saved[0] as tf.Tensor2D), dy as tf.Tensor2D),
      ],
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0],
) as unknown as MatMul;

export const plainMatMul: MatMul = (a, b) => tf.matMul(a, b);

/** Column sums of dy [N, w] as a plain matMul ones[1, N]·dy (wasm reduces axis 0 by transposing). */
const columnSums = (dy: tf.Tensor2D): tf.Tensor2D => tf.matMul(tf.ones([1, dy.shape[0]]), dy);

/** a [N, w] + row [w] (a bias), whose gradient for the row is a matMul, not a reduction. */
export const addRow: (a: tf.Tensor2D, row: tf.Tensor1D) => tf.Tensor2D = tf.customGrad(((a: tf.Tensor, row: tf.Tensor, save: tf.GradSaveFunc) => {
  save([]);
  return {
    value: tf.add(a, row),
    gradFunc: (dy: tf.Tensor) => [dy, columnSums(dy as tf.Tensor2D).reshape(row.shape)],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor2D, row: tf.Tensor1D) => tf.Tensor2D;

/** a [N, w] ⊙ row [1, w] (broadcast over rows), with the row's gradient as a matMul. */
export const mulRow: (a: tf.Tensor2D, row: tf.Tensor2D) => tf.Tensor2D = tf.customGrad(((a: tf.Tensor, row: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, row]);
  return {
    value: tf.mul(a, row),
    gradFunc: (dy: tf.Tensor, [sa, sr]: tf.Tensor[]) => [tf.mul(dy, sr), columnSums(tf.mul(dy, sa) as tf.Tensor2D)],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor2D, row: tf.Tensor2D) => tf.Tensor2D;

export interface Ops {
  matMul: MatMul;
  /** a [N, w] + row [w] */
  addRow: (a: tf.Tensor2D, row: tf.Tensor1D) => tf.Tensor2D;
  /** a [N, w] ⊙ row [1, w] */
  mulRow: (a: tf.Tensor2D, row: tf.Tensor2D) => tf.Tensor2D;
}

export const FAST_OPS: Ops = { matMul: fastMatMul, addRow, mulRow };

export const PLAIN_OPS: Ops = {
  matMul: plainMatMul,
  addRow: (a, row) => tf.add(a, row),
  mulRow: (a, row) => tf.mul(a, row),
};
