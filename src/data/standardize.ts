// Isotropic standardisation: y = (x − mean) / scale with one scale for both coordinates, so
// distances, kernels and the exact mixture potential keep their shape in model space.
// The model lives in standardised space; everything written out is back in data units.

import type { Points } from './datasets.js';

/** A frame: model coordinates are (x − mean) / scale. */
export interface Standardization {
  mean: [number, number];
  scale: number;
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
