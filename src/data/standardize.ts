// Isotropic standardisation: y = (x − mean) / scale with one scale for both coordinates, so
// distances, kernels and the exact mixture potential keep their shape in model space.
// The model lives in standardised space; everything written out is back in data units.

import type { Points } from './datasets.js';

/** A frame: model coordinates are (x − mean) / scale. */
export interface Standardization {
  mean: [number, number];
  scale: number;
}

/** Bounds of a usable frame: beyond them float32 model coordinates lose the data (see frameProblem). */
export const FRAME_LIMIT = 1e15;
/** float32 keeps ~7 digits: a scale below this fraction of the centre's size rounds every point onto the centre. */
export const MIN_SCALE_TO_CENTRE = 1e-6;

/**
 * Why a frame cannot work, or undefined: non-finite values, a scale ≤ 0, values past ±1e15, or a
 * scale so small against the centre that data units (float32) cannot hold the spread — every
 * sample would be written as the same point and score as perfect.
 */
export function frameProblem(f: Standardization): string | undefined {
  if (!f.mean.every(Number.isFinite) || !Number.isFinite(f.scale)) return 'must be finite numbers';
  if (!(f.scale > 0)) return `scale must be > 0, got ${f.scale}`;
  const size = Math.max(Math.abs(f.mean[0]), Math.abs(f.mean[1]));
  if (size > FRAME_LIMIT || f.scale > FRAME_LIMIT || f.scale < 1 / FRAME_LIMIT) return `centre (${f.mean.join(', ')}) and scale ${f.scale} must lie within 1e-15 … 1e15`;
  if (f.scale < MIN_SCALE_TO_CENTRE * size) return `scale ${f.scale} is below float32's resolution at centre (${f.mean.join(', ')}): every point would round onto the centre`;
  return undefined;
}

export function fitStandardization(points: Points): Standardization {
  const n = points.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += points[2 * i];
    my += points[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (points[2 * i] - mx) ** 2 + (points[2 * i + 1] - my) ** 2;
  // Average per-coordinate variance, so each coordinate has unit variance on average.
  const scale = Math.sqrt(ss / (2 * n));
  if (!(scale > 0)) throw new Error('data have zero spread: cannot standardise');
  return { mean: [mx, my], scale };
}

export function standardize(points: Points, s: Standardization): Points {
  const out = new Float32Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    out[i] = (points[i] - s.mean[0]) / s.scale;
    out[i + 1] = (points[i + 1] - s.mean[1]) / s.scale;
  }
  return out;
}

export function unstandardize(points: Points, s: Standardization): Points {
  const out = new Float32Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    out[i] = points[i] * s.scale + s.mean[0];
    out[i + 1] = points[i + 1] * s.scale + s.mean[1];
  }
  return out;
}
