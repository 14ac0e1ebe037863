// One sampling panel on a canvas: ticked axes in data units, the landscape as a heat map under
// everything, the faint data, trails of a few particles, the particles (area ∝ weight, colour by
// log-weight for weighted samplers), and each mode's label at its place — the same label as its
// bar. Also the log-weight colour legend.

import { ticks, type Extent } from './draw.js';
import { GRID, type Landscape } from './landscape.js';

/** Plot area inside the canvas: room for the tick labels at the left and bottom. */
export const MARGIN = { left: 34, right: 6, top: 6, bottom: 24 };

export function plotArea(canvas: HTMLCanvasElement, e: Extent) {
  const [w, h] = [canvas.width - MARGIN.left - MARGIN.right, canvas.height - MARGIN.top - MARGIN.bottom];
  return {
    w,
    h,
    px: (x: number) => MARGIN.left + ((x - e.x0) / (e.x1 - e.x0)) * w,
    py: (y: number) => MARGIN.top + (1 - (y - e.y0) / (e.y1 - e.y0)) * h,
  };
}

/** log N·w is drawn clipped to ±this; the legend spans it. */
export const LOGW_RANGE = 3;

type Rgb = [number, number, number];
const hex = (c: string): Rgb => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as Rgb;
const mix = (a: Rgb, b: Rgb, s: number): Rgb => a.map((v, i) => Math.round(v + (b[i] - v) * s)) as Rgb;
const css = ([r, g, b]: Rgb) => `rgb(${r},${g},${b})`;
const [LIGHT, HEAVY] = [hex('#b9b4e0'), hex('#5c0010')];

/** Colour of a particle of log-weight ℓ = log(N·w): light violet (light) → the panel's colour (average) → dark red (heavy). */
export function weightColour(logNw: number, base: string): string {
  const s = Math.max(-1, Math.min(1, logNw / LOGW_RANGE));
  return css(s < 0 ? mix(hex(base), LIGHT, -s) : mix(hex(base), HEAVY, s));
}

export interface PanelContent {
  reference?: Float32Array;
  points: Float32Array;
  /** Marker area ∝ weight. */
  weights?: Float64Array;
  /** log N·w per particle: colours them (weighted samplers). */
  logNw?: Float64Array;
  color: string;
  heat?: { values: Float32Array; kind: Landscape };
  trails?: Float32Array[];
  modes?: { x: number; y: number; label: string }[];
}

export function drawPanel(canvas: HTMLCanvasElement, e: Extent, o: PanelContent): void {
  const ctx = canvas.getContext('2d')!;
  const a = plotArea(canvas, e);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (o.heat && o.heat.kind !== 'none') drawHeat(ctx, a, o.heat.values, o.heat.kind);
  ctx.save();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top, a.w, a.h);
  ctx.clip();
  if (o.reference) {
    ctx.fillStyle = 'rgba(120,120,120,0.25)';
    for (let i = 0; i < o.reference.length; i += 2) ctx.fillRect(a.px(o.reference[i]) - 1, a.py(o.reference[i + 1]) - 1, 2, 2);
  }
  ctx.strokeStyle = o.color;
  ctx.globalAlpha = 0.45;
  for (const tr of o.trails ?? []) {
    ctx.beginPath();
    for (let i = 0; i < tr.length; i += 2) (i ? ctx.lineTo : ctx.moveTo).call(ctx, a.px(tr[i]), a.py(tr[i + 1]));
    ctx.stroke();
  }
  drawPoints(ctx, a, o);
  ctx.restore();
  for (const m of o.modes ?? []) drawModeLabel(ctx, a.px(m.x), a.py(m.y), m.label);
  drawAxes(ctx, a, e);
}

function drawPoints(ctx: CanvasRenderingContext2D, a: ReturnType<typeof plotArea>, o: PanelContent): void {
  const n = o.points.length / 2;
  ctx.globalAlpha = 0.65;
  ctx.fillStyle = o.color;
  for (let i = 0; i < n; i++) {
    const r = o.weights ? Math.min(8, 1.6 * Math.sqrt(o.weights[i] * n)) : 1.6;
    if (r < 0.3) continue;
    if (o.logNw) ctx.fillStyle = weightColour(o.logNw[i], o.color);
    ctx.beginPath();
    ctx.arc(a.px(o.points[2 * i]), a.py(o.points[2 * i + 1]), r, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** The grid's values as colours, drawn smoothed over the plot area. */
function drawHeat(ctx: CanvasRenderingContext2D, a: ReturnType<typeof plotArea>, v: Float32Array, kind: Landscape): void {
  const img = new ImageData(GRID, GRID);
  const min = v.reduce((m, x) => Math.min(m, x), Infinity);
  const green = hex('#3f7f4f');
  for (let k = 0; k < v.length; k++) {
    const c = heatColour(v[k], min, kind, green);
    img.data.set([c[0], c[1], c[2], 255], 4 * k);
  }
  const off = document.createElement('canvas');
  [off.width, off.height] = [GRID, GRID];
  off.getContext('2d')!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, MARGIN.left, MARGIN.top, a.w, a.h);
}

/** Density: white → green with exp(−(βU − min βU)); potential: green (low) → white over 12 units; reaction: blue (removed) ↔ red (created), ±4. */
export function heatColour(x: number, min: number, kind: Landscape, green = hex('#3f7f4f')): Rgb {
  const white: Rgb = [255, 255, 255];
  if (kind === 'density') return mix(white, green, 0.75 * Math.exp(-(x - min)) ** 0.6);
  if (kind === 'potential') return mix(green, white, Math.min(1, (x - min) / 12) ** 0.7);
  const s = Math.max(-1, Math.min(1, x / 4));
  return mix(white, s > 0 ? hex('#c0392b') : hex('#2471a3'), 0.7 * Math.abs(s));
}

function drawModeLabel(ctx: CanvasRenderingContext2D, x: number, y: number, label: string): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  ctx.font = 'bold 11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255,255,255,0.9)';
  ctx.strokeText(label, x, y - 7);
  ctx.fillStyle = '#222';
  ctx.fillText(label, x, y - 7);
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#222';
  ctx.beginPath();
  ctx.moveTo(x - 3, y);
  ctx.lineTo(x + 3, y);
  ctx.moveTo(x, y - 3);
  ctx.lineTo(x, y + 3);
  ctx.stroke();
}

function drawAxes(ctx: CanvasRenderingContext2D, a: ReturnType<typeof plotArea>, e: Extent): void {
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = '#555';
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 1;
  ctx.strokeRect(MARGIN.left, MARGIN.top, a.w, a.h);
  ctx.textAlign = 'center';
  for (const x of ticks(e.x0, e.x1, 5)) {
    ctx.beginPath();
    ctx.moveTo(a.px(x), MARGIN.top + a.h);
    ctx.lineTo(a.px(x), MARGIN.top + a.h + 4);
    ctx.stroke();
    ctx.fillText(String(x), a.px(x), MARGIN.top + a.h + 15);
  }
  ctx.textAlign = 'right';
  for (const y of ticks(e.y0, e.y1, 5)) {
    ctx.beginPath();
    ctx.moveTo(MARGIN.left - 4, a.py(y));
    ctx.lineTo(MARGIN.left, a.py(y));
    ctx.stroke();
    ctx.fillText(String(y), MARGIN.left - 6, a.py(y) + 3);
  }
}

/** The colour legend of log N·w: a bar from light to heavy with ticks, in the panel's colours. */
export function drawWeightLegend(canvas: HTMLCanvasElement, base: string, note: string): void {
  const ctx = canvas.getContext('2d')!;
  const { width: w, height: h } = canvas;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const [x0, x1, y0] = [MARGIN.left, w - 160, 3];
  for (let x = x0; x < x1; x++) {
    ctx.fillStyle = weightColour(-LOGW_RANGE + ((x - x0) / (x1 - x0)) * 2 * LOGW_RANGE, base);
    ctx.fillRect(x, y0, 1, 10);
  }
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = '#555';
  ctx.textAlign = 'center';
  for (const v of [-LOGW_RANGE, 0, LOGW_RANGE]) ctx.fillText(v === 0 ? '0' : v > 0 ? `+${v}` : `−${-v}`, x0 + ((v + LOGW_RANGE) / (2 * LOGW_RANGE)) * (x1 - x0), y0 + 21);
  ctx.textAlign = 'left';
  ctx.fillText(note, x1 + 16, y0 + 9);
  ctx.fillText('light ← log(N·w) → heavy', x1 + 16, y0 + 21);
}
