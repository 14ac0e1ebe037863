// `npm run sample -- --animate run.gif`: the GIF read back by an independent decoder has one frame
// per step at the size asked, and its first frame paints the cell where U(·, t₁) is lowest in the
// heat map's darkest colour; the flag's checks fail before any sampling or writing.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModels } from '../src/node/generate.js';
import { pictureReference, sampleCommand } from '../src/node/sampleCommand.js';
import { scatterDomain } from '../src/node/plot.js';
import { readGif } from './support/gif.js';
import { rasterFrame } from '../src/render/raster.js';
import { weightRgb } from '../src/render/landscape.js';

const dir = mkdtempSync(join(tmpdir(), 'wfr-animate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MODEL = 'exact:eight-gaussians-imbalanced';
const quiet = { log: () => {}, warn: () => {}, backend: 'wasm' };
/** The density map's lowest-U colour: 75 % of #3f7f4f over white. */
const DARKEST: [number, number, number] = [111, 159, 123];

describe('--animate', () => {
  it('writes one frame per step at the size asked; the first frame is darkest where U(·, t₁) is lowest', async () => {
    const gif = join(dir, 'run.gif');
    const size = 200;
    const before = tf.memory().numTensors;
    await sampleCommand({ models: [MODEL], settings: { sampler: 'wfr', steps: 5, n: 60, seed: 3 }, out: join(dir, 'run.csv'), noPlot: true, animate: gif, animateSize: size, ...quiet });
    expect(tf.memory().numTensors).toBe(before);
    const read = readGif(readFileSync(gif));
    expect([read.width, read.height]).toEqual([size, size]);
    expect(read.frames.length).toBe(5);
    for (const f of read.frames) expect([f.width, f.height]).toEqual([size, size]);

    // Where the first frame's law has its mode: U at t₁ (the report's first time) over the picture's
    // axes, 40 × 40 cells as the heat map's grid, evaluated here point by point.
    const t1 = (JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { trace: { t: number[] } }).trace.t[0];
    const loaded = await loadModels([MODEL]);
    const { reference } = pictureReference(loaded);
    const [x0, x1, y0, y1] = scatterDomain([], { reference });
    const std = loaded.base.meta.standardization;
    let best = { u: Infinity, i: 0, j: 0 };
    for (let j = 0; j < 40; j++) {
      for (let i = 0; i < 40; i++) {
        const [x, y] = [x0 + ((i + 0.5) / 40) * (x1 - x0), y1 - ((j + 0.5) / 40) * (y1 - y0)];
        const u = tf.tidy(() => loaded.potential.evaluate(tf.tensor2d([[(x - std.mean[0]) / std.scale, (y - std.mean[1]) / std.scale]]), t1).u.dataSync()[0]);
        if (u < best.u) best = { u, i, j };
      }
    }
    loaded.dispose();
    // The cell's pixels (5 × 5 at 200 px), the particles' few aside: their commonest colour.
    const f0 = read.frames[0];
    const counts = new Map<string, number>();
    for (let y = best.j * 5; y < best.j * 5 + 5; y++) {
      for (let x = best.i * 5; x < best.i * 5 + 5; x++) {
        const key = Array.from(f0.rgb.subarray(3 * (y * size + x), 3 * (y * size + x) + 3)).join(',');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const commonest = [...counts].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
    commonest.forEach((v, ch) => expect(Math.abs(v - DARKEST[ch]), `channel ${ch} of ${commonest} vs ${DARKEST}`).toBeLessThanOrEqual(8));
    // And a corner far from the mode is much lighter (the map is not one flat colour).
    const corner = Array.from(f0.rgb.subarray(0, 3));
    expect(corner[0] - DARKEST[0]).toBeGreaterThan(60);
  }, 60_000);

  it('draws a particle as a disc at its place, coloured by log-weight and blended as the page does', () => {
    const extent = { x0: -1, x1: 1, y0: -1, y1: 1 };
    // Two particles of weights 0.9 and 0.1 (log N·w = log 1.8, log 0.2) at (0.5, 0.5) and (−0.5, −0.5).
    const w = Float64Array.from([0.9, 0.1]);
    const rgba = rasterFrame({ width: 40, height: 40, extent, points: Float32Array.from([0.5, 0.5, -0.5, -0.5]), weights: w, logNw: w.map((v) => Math.log(2 * v)), color: '#d2691e' });
    const at = (x: number, y: number) => Array.from(rgba.subarray(4 * (y * 40 + x), 4 * (y * 40 + x) + 3));
    // 65 % of the log-weight colour over white, at the pixel under each particle (y up: row 10 is y = 0.5).
    const expected = (c: number[]) => c.map((v) => Math.round(255 + (v - 255) * 0.65));
    expect(at(30, 9)).toEqual(expected(weightRgb(Math.log(1.8), '#d2691e')));
    expect(at(10, 29)).toEqual(expected(weightRgb(Math.log(0.2), '#d2691e')));
    expect(at(30, 29)).toEqual([255, 255, 255]);
    // Area ∝ weight: the heavy disc covers more pixels than the light one.
    const inked = (x0: number, y0: number) => { let k = 0; for (let y = y0 - 6; y < y0 + 6; y++) for (let x = x0 - 6; x < x0 + 6; x++) if (at(x, y)[1] < 255) k++; return k; };
    expect(inked(30, 10)).toBeGreaterThan(2 * inked(10, 30));
  });

  it('refuses a path that is not .gif and more steps than the frame cap, before sampling or writing', async () => {
    const out = join(dir, 'refused.csv');
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    await expect(sampleCommand({ models: [MODEL], settings: { steps: 5, n: 20 }, out, noPlot: true, animate: join(dir, 'run.png'), ...quiet })).rejects.toThrow(/--animate must name a \.gif file/);
    await expect(sampleCommand({ models: [MODEL], settings: { steps: 201, n: 20 }, out, noPlot: true, animate: join(dir, 'long.gif'), ...quiet })).rejects.toThrow(/--animate draws one frame per step, at most 200: --steps 201/);
    await expect(sampleCommand({ models: [MODEL], settings: { steps: 5, n: 20 }, out, noPlot: true, animate: join(dir, 'a-file/run.gif'), ...quiet })).rejects.toThrow(/--animate/);
    expect(existsSync(out)).toBe(false);
  });
});
