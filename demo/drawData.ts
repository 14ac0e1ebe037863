// Your own data, drawn: a brush that sprays points around the pointer on the data canvas, a
// clear button and a few presets (one with unequal masses, where the weights matter). Points
// are in data coordinates, the canvas spans [−4, 4]²; the page trains on them like a CSV.

import { Rng } from '../src/rng.js';
import { drawParticles, toPixels, type Extent } from './draw.js';

export const DRAW_EXTENT: Extent = { x0: -4, x1: 4, y0: -4, y1: 4 };
/** Points sprayed per pointer event, and their spread around it (data units). */
const PER_EVENT = 6;
/** No more points than this (the training source resamples them; more adds nothing). */
export const MAX_DRAWN = 20_000;

type Preset = (rng: Rng) => [number, number][];

const blob = (rng: Rng, n: number, cx: number, cy: number, s: number): [number, number][] =>
  Array.from({ length: n }, () => [cx + s * rng.normal(), cy + s * rng.normal()]);

export const PRESETS: Record<string, Preset> = {
  'three blobs, unequal masses': (rng) => [...blob(rng, 600, -2, -1.5, 0.35), ...blob(rng, 300, 2, -1.5, 0.35), ...blob(rng, 100, 0, 2, 0.35)],
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

export class DrawnData {
  private xs: number[] = [];
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
      for (let i = 0; i < PER_EVENT && this.count < MAX_DRAWN; i++) this.xs.push(x + this.brush * this.rng.normal(), y + this.brush * this.rng.normal());
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

  clear(): void {
    this.xs = [];
    this.changed();
  }

  preset(name: string): void {
    this.xs = PRESETS[name](new Rng(0, `preset:${name}`)).flat();
    this.changed();
  }

  draw(): void {
    drawParticles(this.canvas, DRAW_EXTENT, { reference: this.points() });
  }

  private changed(): void {
    this.draw();
    this.onChange(this.count);
  }
}
