// The moved-cloud density of the WFR reaction term (design §5):
//   log ρ̂(x') = logsumexp_j(−‖x' − m_j‖²/(2b²)) − log N   (+ a constant all particles share)
// computed exactly in row chunks so memory stays bounded at O(chunk·N) for any N.

import * as tf from '@tensorflow/tfjs';

/** Pairwise entries per chunk: 4M floats = 16 MB of exponentials at a time. */
const CHUNK_ENTRIES = 4_000_000;

/**
 * logsumexp_j(−‖xᵢ − c_j‖²/(2b²)) − log N for every row xᵢ of `x` against the centres `c`,
 * i.e. the log of a Gaussian kernel density with width b, up to −log(2πb²).
 */
export function logKernelDensity(x: tf.Tensor2D, centres: tf.Tensor2D, b: number): tf.Tensor1D {
  const n = x.shape[0];
  const m = centres.shape[0];
  const rows = Math.max(1, Math.floor(CHUNK_ENTRIES / m));
  return tf.tidy(() => {
    // ‖x − c‖² = ‖x‖² + ‖c‖² − 2⟨x, c⟩, with cᵀ transposed once (plain matMul is the fast form).
    const cT = centres.transpose();
    const cSq = centres.square().sum(1).expandDims(0);
    const parts: tf.Tensor1D[] = [];
    for (let start = 0; start < n; start += rows) {
      const size = Math.min(rows, n - start);
      parts.push(
        tf.tidy(() => {
          const xs = x.slice([start, 0], [size, 2]);
          const d2 = xs.square().sum(1, true).add(cSq).sub(tf.matMul(xs, cT).mul(2)).relu();
          return tf.logSumExp(d2.mul(-1 / (2 * b * b)), 1) as tf.Tensor1D;
        }),
      );
    }
    return (parts.length === 1 ? parts[0] : tf.concat(parts)).sub(Math.log(m)) as tf.Tensor1D;
  });
}
