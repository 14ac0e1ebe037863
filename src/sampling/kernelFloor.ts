// The floor b_min of the kernel width of wfr's moved-cloud density ρ̂ (math §5): a fixed number in
// model units, or read off the target at each step. A fixed floor fits one scale of modes: in
// another frame, or at β = 3, modes narrower than about twice it are blurred together and their
// masses go wrong. The 'fisher' rule takes the width a Gaussian mode would have from the score the
// step has already computed, σ̂² = d / mean‖β∇U‖² over the particles (for N(μ, σ²I) in d dimensions,
// E‖∇log p‖² = d/σ²), and the kernel-density bandwidth of N points at that width, N^{−1/(d+4)}·σ̂.

import * as tf from '@tensorflow/tfjs';

/** The rules for b_min: `fixed` is --b-min; `fisher` is N^{−1/6}·σ̂ from the particles' scores. */
export const KERNEL_FLOORS = ['fixed', 'fisher'] as const;
export type KernelFloor = (typeof KERNEL_FLOORS)[number];
/** The default: fisher follows the frame and β with no hand-set number, and was as good or better than the fixed floor on every target measured (docs/fkc.md). */
export const DEFAULT_KERNEL_FLOOR: KernelFloor = 'fisher';

/**
 * b_min for one step: `bMin` under the fixed rule; under 'fisher', N^{−1/6}·√(2 / mean‖β∇U‖²)
 * of the `grad` [N, 2] of U at the moved particles.
 *
 * @example
 * ```ts
 * // particles of N(0, 0.5²I): ‖∇U‖² averages 2/0.25 = 8, so σ̂ = 0.5 and b = 1000^(−1/6)·0.5
 * kernelFloor('fisher', 0.1, grad, 1);   // ≈ 0.158
 * ```
 */
export function kernelFloor(rule: KernelFloor, bMin: number, grad: tf.Tensor2D, beta: number): number {
  if (rule === 'fixed') return bMin;
  const [n, d] = grad.shape;
  const meanSq = tf.tidy(() => grad.square().sum(1).mean().dataSync()[0]) * beta * beta;
  // A flat potential (‖∇U‖ = 0 everywhere) has no width to read: fall back to the fixed floor.
  if (!(meanSq > 0) || !Number.isFinite(meanSq)) return bMin;
  return Math.pow(n, -1 / (d + 4)) * Math.sqrt(d / meanSq);
}
