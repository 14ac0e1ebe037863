// Bounds up front, beside the knob tables: a run whose tensors would exceed MAX_TENSOR_BYTES is
// refused before anything is allocated, with the estimate in the message. Browser-safe.
//
// The estimates are rows × widest layer × 4 bytes × the number of live [rows, width] float32
// intermediates at the peak, measured with tf.profile (peakBytes) on the cpu backend with the
// shipped 128×128×128 MLP:
// - sampling evaluates the potential in blocks of EVAL_ROWS = 4096 rows (sampling/values.ts):
//   wfr peaked at 32.7 MB for N = 1000 and 130 MB for N = 4000 (≈ 64 intermediates per row),
//   and only 3.3 MB more at N = 8000 than at 4000 (≈ 830 bytes per particle beyond the block:
//   positions, values, gradients, weights, ancestors). So N costs a bounded block plus
//   SAMPLE_BYTES_PER_PARTICLE per particle, not O(N · width).
// - a training step peaked at 93 / 82 / 79 intermediates per row for batch 256 / 1024 / 4096
//   (DSM phase); TRAIN_LIVE_INTERMEDIATES leaves room for the time-score phase. The weights
//   themselves count TRAIN_WEIGHT_COPIES times: tensors (online, EMA, gradients, Adam's
//   temporaries: 7.6–9.4 copies at tf.profile's peak, widths 500–2000 × 3, batch 32) plus the
//   process's own copies beyond them (Float32Array mirrors, Adam m and v, wasm heap growth, and
//   at a save the exported state and state.bin's buffer): wide networks are all weights, and
//   3 × 2000 at batch 32 grew the process by 474 MB in 9 steps (max RSS 660 MB) against the
//   old 6-copy estimate of 216 MB. 24 copies (≈ 810 MB there) covers that and one save.
// The binned density ρ̂ of wfr is already bounded: at most 1024 × 1024 cells (sampling/density.ts).

import { file, flag, pieces, SettingsError } from './settingsError.js';

/** The documented cap on the tensors of one run: 2 GB. */
export const MAX_TENSOR_BYTES = 2 * 1024 ** 3;

/** Rows per potential evaluation while sampling (= sampling/values.ts EVAL_ROWS). */
export const SAMPLE_BLOCK_ROWS = 4096;
/** Live [rows, width] float32 intermediates of one block's evaluation (measured ≈ 64, wfr). */
export const SAMPLE_LIVE_INTERMEDIATES = 64;
/** Bytes per particle beyond the block (measured ≈ 830). */
export const SAMPLE_BYTES_PER_PARTICLE = 1024;
/** The widest layer assumed when the model is not known yet (the shipped models'). */
export const DEFAULT_WIDTH = 128;
/** Live [batch, width] float32 intermediates of one training step (measured 79–93). */
export const TRAIN_LIVE_INTERMEDIATES = 128;
export const TRAIN_WEIGHT_COPIES = 24;

export class LimitError extends SettingsError {}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const cap = () => pieces`the cap of ${mb(MAX_TENSOR_BYTES)} of tensors${file('src/config/limits.ts')}`;

/** Estimated peak tensor bytes of sampling n particles through an MLP whose widest layer is `width`. */
export function sampleTensorBytes(n: number, width = DEFAULT_WIDTH): number {
  return Math.min(n, SAMPLE_BLOCK_ROWS) * width * 4 * SAMPLE_LIVE_INTERMEDIATES + n * SAMPLE_BYTES_PER_PARTICLE;
}

/** Estimated peak tensor bytes of a training step at `batch` rows through an MLP of `hidden` widths on `inDim` inputs. */
export function trainTensorBytes(batch: number, hidden: number[], inDim: number): number {
  const sizes = [inDim, ...hidden, 1];
  const params = sizes.slice(1).reduce((s, out, i) => s + (sizes[i] + 1) * out, 0);
  return batch * Math.max(...sizes) * 4 * TRAIN_LIVE_INTERMEDIATES + params * 4 * TRAIN_WEIGHT_COPIES;
}

/** Refuses sampling settings whose estimated tensor memory exceeds the cap (names --n). */
export function checkSampleLimits(s: { n?: number }, width = DEFAULT_WIDTH): void {
  if (s.n === undefined || !Number.isFinite(s.n)) return;
  const bytes = sampleTensorBytes(s.n, width);
  if (bytes > MAX_TENSOR_BYTES) {
    const most = Math.floor((MAX_TENSOR_BYTES - SAMPLE_BLOCK_ROWS * width * 4 * SAMPLE_LIVE_INTERMEDIATES) / SAMPLE_BYTES_PER_PARTICLE);
    throw new LimitError(pieces`${flag('n')} ${s.n} needs an estimated ${mb(bytes)} of tensors, over ${cap()}; use ${flag('n')} ≤ ${most}`);
  }
}

/** Refuses a training config whose estimated tensor memory exceeds the cap (names --batch or --hidden). */
export function checkTrainLimits(c: { batch: number; hidden: number[]; embedding: { features: number } }): void {
  if (![c.batch, ...c.hidden, c.embedding.features].every(Number.isFinite)) return;
  const inDim = 2 + 2 * c.embedding.features;
  const bytes = trainTensorBytes(c.batch, c.hidden, inDim);
  if (bytes <= MAX_TENSOR_BYTES) return;
  const weightsAlone = trainTensorBytes(0, c.hidden, inDim);
  // The widest layer may be the input: 2 + 2·features time-embedding columns.
  const inputWidest = inDim > Math.max(...c.hidden);
  const culprit = inputWidest
    ? pieces`${flag('features')} ${c.embedding.features}`
    : weightsAlone > MAX_TENSOR_BYTES / 2
      ? pieces`${flag('hidden')} ${c.hidden.join(',')}`
      : pieces`${flag('batch')} ${c.batch}`;
  const widest = `${Math.max(inDim, ...c.hidden)}${inputWidest ? ` = 2 + 2 × ${c.embedding.features} inputs` : ''}`;
  throw new LimitError(
    pieces`${culprit} needs an estimated ${mb(bytes)} of tensors (batch ${c.batch} × widest layer ${widest} × 4 bytes × ${TRAIN_LIVE_INTERMEDIATES} live intermediates, plus the weights), over ${cap()}`,
  );
}
