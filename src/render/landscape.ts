// The landscape's numbers and colours, without a DOM: βU(x, t) on a coarse grid over the axes
// (one tf.tidy per t) and the colours the page and the CLI's animation both paint it and the
// particles with, so a GIF from `npm run sample -- --animate` looks like the page's panel.

import * as tf from '@tensorflow/tfjs';
import type { Standardization } from '../data/standardize.js';
import type { Potential } from '../model/potential.js';

/** Axes in data units. */
export interface Extent {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export type Rgb = [number, number, number];

/** What the heat map shows: the target exp(−βU), βU itself, the reaction's log-ratio, or nothing. */
export const LANDSCAPES = ['density', 'potential', 'reaction', 'none'] as const;
export type Landscape = (typeof LANDSCAPES)[number];

/** Cells per side of the heat map: coarse (one potential evaluation of 40² points per step). */
export const GRID = 40;

/** Data coordinates of the centre of cell (i, j) (j counts from the top). */
export function cellCentre(e: Extent, i: number, j: number): [number, number] {
  return [e.x0 + ((i + 0.5) / GRID) * (e.x1 - e.x0), e.y1 - ((j + 0.5) / GRID) * (e.y1 - e.y0)];
}

/** βU at the centres of a GRID × GRID grid over `e` (data units), row 0 at the top; cell (i, j) is entry j·GRID + i. */
export function gridPotential(potential: Potential, std: Standardization, t: number, beta: number, e: Extent): Float32Array {
  const pts = new Float32Array(2 * GRID * GRID);
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      const k = j * GRID + i;
      const [x, y] = cellCentre(e, i, j);
      pts[2 * k] = (x - std.mean[0]) / std.scale;
      pts[2 * k + 1] = (y - std.mean[1]) / std.scale;
    }
  }
  const u = tf.tidy(() => potential.evaluate(tf.tensor2d(pts, [GRID * GRID, 2]), t).u.mul(beta));
  const out = Float32Array.from(u.dataSync());
  u.dispose();
  return out;
}

export const hex = (c: string): Rgb => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as Rgb;
export const mix = (a: Rgb, b: Rgb, s: number): Rgb => a.map((v, i) => Math.round(v + (b[i] - v) * s)) as Rgb;

const GREEN = hex('#3f7f4f');
const WHITE: Rgb = [255, 255, 255];

/** Density: white → green with exp(−(βU − min βU)); potential: green (low) → white over 12 units; reaction: blue (removed) ↔ red (created), ±4. */
export function heatColour(x: number, min: number, kind: Landscape): Rgb {
  if (kind === 'density') return mix(WHITE, GREEN, 0.75 * Math.exp(-(x - min)) ** 0.6);
  if (kind === 'potential') return mix(GREEN, WHITE, Math.min(1, (x - min) / 12) ** 0.7);
  const s = Math.max(-1, Math.min(1, x / 4));
  return mix(WHITE, s > 0 ? hex('#c0392b') : hex('#2471a3'), 0.7 * Math.abs(s));
}

/** The smallest finite value of a grid (the colour scale's anchor). */
export function gridMin(v: Float32Array): number {
  return v.reduce((m, x) => (Number.isFinite(x) ? Math.min(m, x) : m), Infinity);
}

/** log N·w is drawn clipped to ±this; the legend spans it. */
export const LOGW_RANGE = 3;
const [LIGHT, HEAVY] = [hex('#b9b4e0'), hex('#5c0010')];

/** Colour of a particle of log-weight ℓ = log(N·w): light violet (light) → the panel's colour (average) → dark red (heavy). */
export function weightRgb(logNw: number, base: string): Rgb {
  const s = Math.max(-1, Math.min(1, logNw / LOGW_RANGE));
  return s < 0 ? mix(hex(base), LIGHT, -s) : mix(hex(base), HEAVY, s);
}

/** Marker radius in pixels of a particle of normalised weight w among n (area ∝ weight; unweighted 1.6). */
export function markerRadius(w: number | undefined, n: number): number {
  return w === undefined ? 1.6 : Math.min(8, 1.6 * Math.sqrt(w * n));
}
