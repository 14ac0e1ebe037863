// Your own data, drawn: a brush that sprays points around the pointer on the data canvas, a
// clear button and a few presets (one with unequal masses, where the weights matter). Points
// are in data coordinates, the canvas spans [−4, 4]²; the page trains on them like a CSV. The
// brush may carry a class: each point keeps its label (drawn in its class's colour), and the
// points write as the CSV `npm run train` reads, `x,y,label` when every point has one.

import { Rng } from '../src/rng.js';
import { classColour } from './classes.js';
import { drawParticles, toPixels, type Extent } from './draw.js';

export const DRAW_EXTENT: Extent = { x0: -4, x1: 4, y0: -4, y1: 4 };
/** Points sprayed per pointer event, and their spread around it (data units). */
const PER_EVENT = 6;
/** No more points than this (the training source resamples them; more adds nothing). */
export const MAX_DRAWN = 20_000;

/** Classes the brush offers (0 … BRUSH_CLASSES − 1); −1 is no class. */
export const BRUSH_CLASSES = 6;
export const NO_CLASS = -1;

/** A preset's points, each [x, y] or [x, y, class]. */
type Preset = (rng: Rng) => number[][];

const blob = (rng: Rng, n: number, cx: number, cy: number, s: number, label?: number): number[][] =>
  Array.from({ length: n }, () => [cx + s * rng.normal(), cy + s * rng.normal(), ...(label === undefined ? [] : [label])]);

export const PRESETS: Record<string, Preset> = {
  // Each blob its own class: a ready labelled set for conditional training.
  'three blobs, unequal masses (classes 0, 1, 2)': (rng) => [...blob(rng, 600, -2, -1.5, 0.35, 0), ...blob(rng, 300, 2, -1.5, 0.35, 1), ...blob(rng, 100, 0, 2, 0.35, 2)],
  ring: (rng) =>
    Array.from({ length: 1000 }, () => {
      const a = 2 * Math.PI * rng.uniform();
      const r = 2.5 + 0.12 * rng.normal();
      return [r * Math.cos(a), r * Math.sin(a)];
    }),
  heart: (rng) =>
    Array.from({ length: 1000 }, () => {
      const a = 2 * Math.PI * rng.uniform();
      const x = 16 * Math.sin(a) ** 3;
      const y = 13 * Math.cos(a) - 5 * Math.cos(2 * a) - 2 * Math.cos(3 * a) - Math.cos(4 * a);
      return [x / 5.5 + 0.08 * rng.normal(), y / 5.5 + 0.5 + 0.08 * rng.normal()];
    }),
};

/**
 * Drawn points as a CSV (coordinates to float32's 9 digits, so the file reads back as the points
 * the page trains on): `x,y,label` when every point has a class, else `x,y`.
 */
export function drawnCsv(xs: ArrayLike<number>, labels: ArrayLike<number>): string {
  const n = xs.length / 2;
  const labelled = n > 0 && Array.prototype.every.call(labels, (l: number) => l !== NO_CLASS);
  const f = (v: number) => String(Number(Math.fround(v).toPrecision(9)));
  const rows = Array.from({ length: n }, (_, i) => `${f(xs[2 * i])},${f(xs[2 * i + 1])}${labelled ? `,${labels[i]}` : ''}`);
  return [labelled ? 'x,y,label' : 'x,y', ...rows].join('\n') + '\n';
}

/** "1000 points" and, when some carry a class, how many per class and without one. */
export function drawnCount(labels: ArrayLike<number>): string {
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  const none = counts.get(NO_CLASS) ?? 0;
  counts.delete(NO_CLASS);
  if (counts.size === 0) return `${labels.length} points`;
  const per = [...counts].sort(([a], [b]) => a - b).map(([k, c]) => `class ${k}: ${c}`);
  return `${labels.length} points (${per.join(', ')}${none ? `; ${none} without a class` : ''})`;
}

export class DrawnData {
  private xs: number[] = [];
  /** Each point's class (NO_CLASS: none). */
  private labels: number[] = [];
  /** The class the brush gives the points it sprays. */
  brushClass = NO_CLASS;
  private readonly rng = new Rng(0, 'brush');
  onChange: (count: number) => void = () => {};
  /** Whether the brush is live (the page turns it off while training or for other data). */
  enabled: () => boolean = () => true;

  constructor(
    readonly canvas: HTMLCanvasElement,
    /** Brush spread in data units. */
    public brush = 0.15,
  ) {
    let down = false;
    const spray = (ev: PointerEvent) => {
      if (!this.enabled()) return;
      const r = canvas.getBoundingClientRect();
      const [x, y] = toPixels(canvas, DRAW_EXTENT).fromPixels(((ev.clientX - r.left) / r.width) * canvas.width, ((ev.clientY - r.top) / r.height) * canvas.height);
      for (let i = 0; i < PER_EVENT && this.count < MAX_DRAWN; i++) {
        this.xs.push(x + this.brush * this.rng.normal(), y + this.brush * this.rng.normal());
        this.labels.push(this.brushClass);
      }
      this.changed();
    };
    canvas.addEventListener('pointerdown', (ev) => {
      down = true;
      canvas.setPointerCapture?.(ev.pointerId);
      spray(ev);
    });
    canvas.addEventListener('pointermove', (ev) => down && spray(ev));
    const up = () => (down = false);
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', up);
  }

  get count(): number {
    return this.xs.length / 2;
  }

  points(): Float32Array {
    return Float32Array.from(this.xs);
  }

  /** Whether every point has a class (conditional training needs it). */
  get labelled(): boolean {
    return this.count > 0 && this.labels.every((l) => l !== NO_CLASS);
  }

  /** The points as the CSV `npm run train --data` reads (drawnCsv). */
  csv(): string {
    return drawnCsv(this.xs, this.labels);
  }

  /** "1000 points (class 0: 600, …)". */
  countText(): string {
    return drawnCount(this.labels);
  }

  clear(): void {
    this.xs = [];
    this.labels = [];
    this.changed();
  }

  preset(name: string): void {
    const pts = PRESETS[name](new Rng(0, `preset:${name}`));
    this.xs = pts.flatMap(([x, y]) => [x, y]);
    this.labels = pts.map((p) => p[2] ?? NO_CLASS);
    this.changed();
  }

  /** Points without a class grey, each class in its colour. */
  draw(): void {
    const plain = this.xs.filter((_, i) => this.labels[i >> 1] === NO_CLASS);
    drawParticles(this.canvas, DRAW_EXTENT, { reference: Float32Array.from(plain) });
    const ctx = this.canvas.getContext('2d')!;
    const { px, py } = toPixels(this.canvas, DRAW_EXTENT);
    this.labels.forEach((l, i) => {
      if (l === NO_CLASS) return;
      ctx.fillStyle = classColour(l);
      ctx.fillRect(px(this.xs[2 * i]) - 1, py(this.xs[2 * i + 1]) - 1, 2.5, 2.5);
    });
  }

  private changed(): void {
    this.draw();
    this.onChange(this.count);
  }
}
