// Canvas drawing for the demo: particles over faint reference data (marker area ∝ weight, one
// colour per panel), line charts with real axes (ESS/N over the steps, the training loss) and the
// per-mode bar chart of target mass against each sampler's.

export interface Extent {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The panels' colours: distinct, and readable by people with the common colour deficiencies. */
export const COLORS = { left: '#1f5fa8', right: '#d2691e', target: '#9a9a9a' } as const;

export function extentOf(points: Float32Array, margin = 0.08): Extent {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    if (!Number.isFinite(points[i]) || !Number.isFinite(points[i + 1])) continue;
    x0 = Math.min(x0, points[i]);
    x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]);
    y1 = Math.max(y1, points[i + 1]);
  }
  if (!(x1 >= x0)) [x0, x1, y0, y1] = [-1, 1, -1, 1];
  const size = Math.max(x1 - x0, y1 - y0, 1e-6);
  const half = size / 2 + margin * size;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}

/** Canvas pixel ↔ data coordinates of a square panel. */
export function toPixels(canvas: HTMLCanvasElement, e: Extent) {
  const { width: w, height: h } = canvas;
  return {
    px: (x: number) => ((x - e.x0) / (e.x1 - e.x0)) * w,
    py: (y: number) => h - ((y - e.y0) / (e.y1 - e.y0)) * h,
    fromPixels: (u: number, v: number): [number, number] => [e.x0 + (u / w) * (e.x1 - e.x0), e.y0 + (1 - v / h) * (e.y1 - e.y0)],
  };
}

export function drawParticles(canvas: HTMLCanvasElement, e: Extent, o: { points?: Float32Array; reference?: Float32Array; weights?: Float64Array; color?: string }): void {
  const ctx = canvas.getContext('2d')!;
  const { px, py } = toPixels(canvas, e);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (o.reference) {
    ctx.fillStyle = 'rgba(140,140,140,0.3)';
    for (let i = 0; i < o.reference.length; i += 2) ctx.fillRect(px(o.reference[i]) - 1, py(o.reference[i + 1]) - 1, 2, 2);
  }
  if (!o.points) return;
  const n = o.points.length / 2;
  ctx.fillStyle = o.color ?? COLORS.left;
  ctx.globalAlpha = 0.6;
  for (let i = 0; i < n; i++) {
    const r = o.weights ? Math.min(8, 1.6 * Math.sqrt(o.weights[i] * n)) : 1.6;
    if (r < 0.3) continue;
    ctx.beginPath();
    ctx.arc(px(o.points[2 * i]), py(o.points[2 * i + 1]), r, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** "Nice" tick values covering [lo, hi] (1, 2, 5 × 10ᵏ steps). */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface Series {
  label: string;
  color: string;
  /** [x, y] pairs. */
  points: [number, number][];
  width?: number;
  alpha?: number;
}

/** A line chart with ticked axes and titles; y on a log scale when `logY`. */
export function drawLineChart(canvas: HTMLCanvasElement, o: { series: Series[]; xRange: [number, number]; yRange: [number, number]; xTitle: string; yTitle: string; logY?: boolean; marks?: { x: number; label: string }[] }): void {
  const ctx = canvas.getContext('2d')!;
  const { width: w, height: h } = canvas;
  const [left, right, top, bottom] = [46, 10, 10, 34];
  const f = (v: number) => (o.logY ? Math.log10(v) : v);
  const [y0, y1] = [f(o.yRange[0]), f(o.yRange[1])];
  const X = (x: number) => left + ((x - o.xRange[0]) / Math.max(1e-12, o.xRange[1] - o.xRange[0])) * (w - left - right);
  const Y = (y: number) => top + (1 - (f(y) - y0) / Math.max(1e-12, y1 - y0)) * (h - top - bottom);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = '#bbb';
  ctx.fillStyle = '#555';
  ctx.lineWidth = 1;
  ctx.textAlign = 'center';
  for (const x of ticks(o.xRange[0], o.xRange[1])) {
    ctx.beginPath();
    ctx.moveTo(X(x), h - bottom);
    ctx.lineTo(X(x), h - bottom + 4);
    ctx.stroke();
    ctx.fillText(String(x), X(x), h - bottom + 15);
  }
  ctx.fillText(o.xTitle, left + (w - left - right) / 2, h - 4);
  ctx.textAlign = 'right';
  const yTicks = o.logY ? ticks(y0, y1, 4).map((e) => 10 ** e) : ticks(y0, y1, 4);
  for (const y of yTicks) {
    ctx.beginPath();
    ctx.moveTo(left - 4, Y(y));
    ctx.lineTo(left, Y(y));
    ctx.stroke();
    ctx.fillText(o.logY ? y.toPrecision(2) : String(y), left - 6, Y(y) + 4);
  }
  ctx.save();
  ctx.translate(11, top + (h - top - bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(o.yTitle, 0, 0);
  ctx.restore();
  ctx.strokeRect(left, top, w - left - right, h - top - bottom);
  ctx.textAlign = 'left';
  for (const m of o.marks ?? []) {
    ctx.strokeStyle = '#999';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(X(m.x), top);
    ctx.lineTo(X(m.x), h - bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#777';
    ctx.fillText(m.label, X(m.x) + 4, h - bottom - 6);
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, w - left - right, h - top - bottom);
  ctx.clip(); // raw values outside the fitted axis are cut, not drawn over the labels
  let legendX = left + 6;
  for (const s of o.series) {
    ctx.strokeStyle = s.color;
    ctx.globalAlpha = s.alpha ?? 1;
    ctx.lineWidth = s.width ?? 1.5;
    ctx.beginPath();
    s.points.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(X(x), Y(y)) : ctx.lineTo(X(x), Y(y))));
    ctx.stroke();
    ctx.globalAlpha = 1;
    if (s.label) {
      ctx.fillStyle = s.color;
      ctx.fillText(s.label, legendX, top + 14);
      legendX += ctx.measureText(s.label).width + 14;
    }
  }
  ctx.restore();
  ctx.lineWidth = 1;
}

/** One group of bars per mode: the target's mass and each sampler's. */
export function drawModeBars(canvas: HTMLCanvasElement, o: { names: string[]; bars: { label: string; color: string; values: number[] }[] }): void {
  const ctx = canvas.getContext('2d')!;
  const { width: w, height: h } = canvas;
  const [left, right, top, bottom] = [40, 8, 22, 30];
  const top1 = Math.max(0.05, ...o.bars.flatMap((b) => b.values));
  const yMax = ticks(0, top1, 4).find((v) => v >= top1) ?? top1;
  const Y = (v: number) => top + (1 - v / yMax) * (h - top - bottom);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#555';
  ctx.textAlign = 'right';
  ctx.strokeStyle = '#ddd';
  for (const v of ticks(0, yMax, 4)) {
    ctx.fillText(String(v), left - 5, Y(v) + 4);
    ctx.beginPath();
    ctx.moveTo(left, Y(v));
    ctx.lineTo(w - right, Y(v));
    ctx.stroke();
  }
  const groupW = (w - left - right) / Math.max(1, o.names.length);
  const barW = (groupW * 0.8) / Math.max(1, o.bars.length);
  ctx.textAlign = 'center';
  o.names.forEach((name, k) => {
    o.bars.forEach((b, j) => {
      ctx.fillStyle = b.color;
      const v = b.values[k] ?? 0;
      ctx.fillRect(left + k * groupW + groupW * 0.1 + j * barW, Y(v), barW - 1, Y(0) - Y(v));
    });
    ctx.fillStyle = '#555';
    ctx.fillText(name, left + (k + 0.5) * groupW, h - bottom + 14);
  });
  ctx.fillText('mode', left + (w - left - right) / 2, h - 4);
  ctx.textAlign = 'left';
  let x = left;
  for (const b of o.bars) {
    ctx.fillStyle = b.color;
    ctx.fillRect(x, 6, 10, 10);
    ctx.fillStyle = '#333';
    ctx.fillText(b.label, x + 14, 15);
    x += ctx.measureText(b.label).width + 30;
  }
}
