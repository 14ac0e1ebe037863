// matMul whose gradient uses explicit transposes and plain matMuls. On the wasm backend a
// matMul with transposeA/transposeB is ~10× slower than tf.transpose + plain matMul (design §8),
// and tfjs's default BatchMatMul gradient uses the transposed forms; training speed hinges on this.

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
