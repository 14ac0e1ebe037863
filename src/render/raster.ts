// One animation frame as RGBA pixels, without a canvas: the landscape as a grid of flat
// rectangles (the GRID × GRID cells), then the particles as discs (area ∝ weight, colour by
// log-weight) blended at the page's opacity. The frame spans exactly the given axes.

import { GRID, gridMin, heatColour, markerRadius, weightRgb, hex, type Extent, type Landscape } from './landscape.js';

export interface FrameContent {
  width: number;
  height: number;
  extent: Extent;
  heat?: { values: Float32Array; kind: Landscape };
  /** Particles in data units [x0, y0, x1, y1, …]. */
  points: Float32Array;
  /** Normalised weights (marker area ∝ weight). */
  weights?: Float64Array;
  /** log N·w per particle: colours them. */
  logNw?: Float64Array;
  /** The particles' colour (#rrggbb) at average weight. */
  color: string;
}

/** The page's particle opacity. */
const ALPHA = 0.65;

export function rasterFrame(f: FrameContent): Uint8ClampedArray {
  const { width: w, height: h, extent: e } = f;
  const rgba = new Uint8ClampedArray(4 * w * h).fill(255);
  if (f.heat && f.heat.kind !== 'none') paintHeat(rgba, w, h, f.heat.values, f.heat.kind);
  const n = f.points.length / 2;
  const base = hex(f.color);
  for (let p = 0; p < n; p++) {
    const r = markerRadius(f.weights?.[p], n);
    if (r < 0.3) continue;
    const cx = ((f.points[2 * p] - e.x0) / (e.x1 - e.x0)) * w;
    const cy = (1 - (f.points[2 * p + 1] - e.y0) / (e.y1 - e.y0)) * h;
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) continue;
    disc(rgba, w, h, cx, cy, r, f.logNw ? weightRgb(f.logNw[p], f.color) : base);
  }
  return rgba;
}

/** Cell (i, j) fills the pixels whose centres fall in it; j = 0 is the top row, as the grid's. */
function paintHeat(rgba: Uint8ClampedArray, w: number, h: number, v: Float32Array, kind: Landscape): void {
  const min = gridMin(v);
  const colours = Array.from(v, (x) => heatColour(x, min, kind));
  for (let y = 0; y < h; y++) {
    const j = Math.min(GRID - 1, Math.floor(((y + 0.5) / h) * GRID));
    for (let x = 0; x < w; x++) {
      const c = colours[j * GRID + Math.min(GRID - 1, Math.floor(((x + 0.5) / w) * GRID))];
      rgba.set([c[0], c[1], c[2]], 4 * (y * w + x));
    }
  }
}

/** A filled disc: the pixels whose centres lie within r of (cx, cy), blended at ALPHA. */
function disc(rgba: Uint8ClampedArray, w: number, h: number, cx: number, cy: number, r: number, c: [number, number, number]): void {
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(h - 1, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(w - 1, Math.ceil(cx + r)); x++) {
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > r * r) continue;
      const k = 4 * (y * w + x);
      for (let ch = 0; ch < 3; ch++) rgba[k + ch] = rgba[k + ch] + (c[ch] - rgba[k + ch]) * ALPHA;
    }
  }
}
