// `npm run sample -- --animate run.gif`: one GIF frame per sampler step, drawn in Node without a
// browser — the landscape exp(−βU(·, t)) at the step's t under the particles, coloured by
// log-weight as the page does (src/render/), on the scatter picture's fixed axes. Frames are
// encoded as they come, so memory holds the GIF bytes, never every step's particles.

import * as gifencModule from 'gifenc';
import { unstandardize } from '../data/standardize.js';
import type { LoadedModels } from '../sampling/generate.js';
import type { StepInfo } from '../sampling/sample.js';
import { gridPotential, type Extent } from '../render/landscape.js';
import { rasterFrame } from '../render/raster.js';

// Node loads gifenc's CommonJS build, whose names it cannot see statically (they sit on
// `default`); bundlers load its ES module build, which exports them by name.
const { GIFEncoder, applyPalette, quantize }: typeof gifencModule = 'GIFEncoder' in gifencModule ? gifencModule : (gifencModule as unknown as { default: typeof gifencModule }).default;

/** At most this many frames (one per step): a longer run is refused before sampling. */
export const MAX_FRAMES = 200;
/** At most this many particles drawn per frame (evenly spaced among N). */
export const MAX_DRAWN = 2000;
/** Milliseconds per frame, and for the last frame (held so the result can be read). */
const DELAY = 80;
const LAST_DELAY = 1500;

/** The panels' colours of the page: unweighted samplers blue, weighted orange. */
const COLOURS = { unweighted: '#1f5fa8', weighted: '#d2691e' };

/** The flag's checks, before sampling: a .gif path and a step count within the frame cap. */
export function checkAnimate(path: string, steps: number): void {
  if (!path.endsWith('.gif')) throw new Error(`--animate must name a .gif file, got ${path}`);
  if (steps > MAX_FRAMES) throw new Error(`--animate draws one frame per step, at most ${MAX_FRAMES}: --steps ${steps} is too many (sample with fewer steps to animate)`);
}

export interface AnimationOptions {
  loaded: LoadedModels;
  beta: number;
  /** Axes [x0, x1, y0, y1] in data units (the scatter picture's). */
  domain: [number, number, number, number];
  /** Width and height in pixels. */
  size: number;
  weighted: boolean;
}

export interface Animation {
  onStep(info: StepInfo): void;
  /** The GIF (after the last step). */
  finish(): Uint8Array;
  frames: number;
}

export function animation(o: AnimationOptions): Animation {
  const gif = GIFEncoder();
  const [x0, x1, y0, y1] = o.domain;
  const extent: Extent = { x0, x1, y0, y1 };
  const std = o.loaded.base.meta.standardization;
  const color = o.weighted ? COLOURS.weighted : COLOURS.unweighted;
  const a: Animation = {
    frames: 0,
    onStep(info) {
      const values = gridPotential(o.loaded.potential, std, info.t, o.beta, extent);
      const rgba = rasterFrame({ width: o.size, height: o.size, extent, heat: { values, kind: 'density' }, color, ...drawn(info, std) });
      const palette = quantize(rgba, 256);
      const last = info.step === info.steps;
      gif.writeFrame(applyPalette(rgba, palette), o.size, o.size, { palette, delay: last ? LAST_DELAY : DELAY, repeat: 0 });
      a.frames++;
    },
    finish() {
      gif.finish();
      return gif.bytes();
    },
  };
  return a;
}

/**
 * The particles drawn: at most MAX_DRAWN, evenly spaced; weights rescaled so that marker sizes
 * read as among all N; log N·w as the page colours it (at a resampled step, the parent's weight
 * just before the copy: what decided it).
 */
function drawn(info: StepInfo, std: LoadedModels['base']['meta']['standardization']) {
  const all = unstandardize(info.x.dataSync() as Float32Array, std) as Float32Array;
  const n = all.length / 2;
  const m = Math.min(n, MAX_DRAWN);
  const pick = Int32Array.from({ length: m }, (_, q) => Math.floor(((q + 0.5) * n) / m));
  const r = info.resampled;
  const w = r ? Float64Array.from(r.parents, (p) => r.weights[p]) : info.weights;
  return {
    points: Float32Array.from({ length: 2 * m }, (_, k) => all[2 * pick[k >> 1] + (k & 1)]),
    weights: info.weights && Float64Array.from(pick, (i) => (info.weights![i] * n) / m),
    logNw: w && Float64Array.from(pick, (i) => Math.log(w[i] * n)),
  };
}
