// Canvas drawing for the demo: particles over faint reference data (marker area ∝ weight),
// and ESS/N over the steps.

export interface Extent {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export function extentOf(points: Float32Array, margin = 0.08): Extent {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]);
    x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]);
    y1 = Math.max(y1, points[i + 1]);
  }
  const pad = margin * Math.max(x1 - x0, y1 - y0);
  const half = Math.max(x1 - x0, y1 - y0) / 2 + pad;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}

export function drawParticles(canvas: HTMLCanvasElement, e: Extent, points: Float32Array, reference?: Float32Array, weights?: Float64Array): void {
  const ctx = canvas.getContext('2d')!;
  const { width: w, height: h } = canvas;
  const px = (x: number) => ((x - e.x0) / (e.x1 - e.x0)) * w;
  const py = (y: number) => h - ((y - e.y0) / (e.y1 - e.y0)) * h;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  if (reference) {
    ctx.fillStyle = 'rgba(140,140,140,0.25)';
    for (let i = 0; i < reference.length; i += 2) ctx.fillRect(px(reference[i]) - 1, py(reference[i + 1]) - 1, 2, 2);
  }
  const n = points.length / 2;
  ctx.fillStyle = 'rgba(31,95,168,0.55)';
  for (let i = 0; i < n; i++) {
    const r = weights ? Math.min(8, 1.6 * Math.sqrt(weights[i] * n)) : 1.6;
    if (r < 0.3) continue;
    ctx.beginPath();
    ctx.arc(px(points[2 * i]), py(points[2 * i + 1]), r, 0, 2 * Math.PI);
    ctx.fill();
  }
}

export function drawEss(canvas: HTMLCanvasElement, series: { label: string; color: string; values: number[] }[], steps: number): void {
  const ctx = canvas.getContext('2d')!;
  const { width: w, height: h } = canvas;
  const pad = 28;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#999';
  ctx.strokeRect(pad, 8, w - pad - 8, h - pad - 8);
  ctx.fillStyle = '#555';
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText('1', 12, 14);
  ctx.fillText('0', 12, h - pad + 4);
  ctx.fillText('step', w / 2, h - 6);
  const X = (k: number) => pad + (k / Math.max(1, steps)) * (w - pad - 8);
  const Y = (v: number) => 8 + (1 - v) * (h - pad - 16);
  series.forEach((s, j) => {
    ctx.strokeStyle = s.color;
    ctx.beginPath();
    s.values.forEach((v, k) => (k === 0 ? ctx.moveTo(X(k + 1), Y(v)) : ctx.lineTo(X(k + 1), Y(v))));
    ctx.stroke();
    ctx.fillStyle = s.color;
    ctx.fillText(s.label, pad + 6 + 60 * j, h - pad - 4);
  });
}
