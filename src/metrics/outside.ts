// Samples far outside the target's range. Mode weights assign every point to its nearest mode,
// so particles that ended far from all the data (a diverged run, or far too few steps: x ≈ 522
// for a product of five models at 5 steps) would still score a small mode-weight error. The
// share of samples outside a box around a draw of the target is reported, and warned about.

import type { Points } from '../data/datasets.js';

export interface OutsideReport {
  /** Samples outside the box, and their share of all. */
  count: number;
  fraction: number;
  /** The box: [xmin, xmax, ymin, ymax] in data units. */
  box: [number, number, number, number];
}

/** Above this share of samples outside, the mode-weight error is not a score of the run. */
export const OUTSIDE_WARN = 0.01;

/**
 * Counts the samples outside the reference's bounding box widened on every side by `widen` × its
 * larger side (half of it by default: generous for any draw of the same law).
 */
export function outsideTarget(points: Points, reference: Points, widen = 0.5): OutsideReport {
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (let i = 0; i < reference.length; i++) {
    lo[i % 2] = Math.min(lo[i % 2], reference[i]);
    hi[i % 2] = Math.max(hi[i % 2], reference[i]);
  }
  const margin = widen * Math.max(hi[0] - lo[0], hi[1] - lo[1]);
  const box: [number, number, number, number] = [lo[0] - margin, hi[0] + margin, lo[1] - margin, hi[1] + margin];
  let count = 0;
  for (let i = 0; i < points.length; i += 2) {
    const [x, y] = [points[i], points[i + 1]];
    // NaN compares false everywhere: count it as outside.
    if (!(x >= box[0] && x <= box[1] && y >= box[2] && y <= box[3])) count++;
  }
  return { count, fraction: count / (points.length / 2), box };
}

/** The warning for a report over OUTSIDE_WARN, or undefined. */
export function outsideWarning(r: OutsideReport, n: number): string | undefined {
  if (r.fraction <= OUTSIDE_WARN) return undefined;
  const f = (v: number) => v.toPrecision(3);
  return (
    `${r.count} of ${n} samples (${(100 * r.fraction).toFixed(1)}%) lie outside the target's range (x ∈ [${f(r.box[0])}, ${f(r.box[1])}], y ∈ [${f(r.box[2])}, ${f(r.box[3])}]): ` +
    'the mode weights count them in their nearest mode, so the mode-weight error does not score them; the run has not reached the target (more --steps?)'
  );
}
