// The loss curve of a training run: loss.csv (every step) and loss.png, the raw per-step loss
// faint under a bold smoothed curve, on a log y axis fitted to the smoothed curve so that the
// first steps' spike does not flatten everything after it, with a rule where the time-score
// phase starts (the loss gains a term there and jumps: not a divergence).

import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { quantile } from '../stats.js';
import { writeFileAtomic } from './files.js';
import { picturePath } from './pictureLibraries.js';
import { renderChart } from './plot.js';

/** Bias-corrected EMA (no pull toward the first, spiky value) with the given span in steps. */
export function smoothLoss(losses: readonly number[], span: number): number[] {
  const decay = 1 - 1 / span;
  let [num, den] = [0, 0];
  return losses.map((l) => {
    num = decay * num + l;
    den = decay * den + 1;
    return num / den;
  });
}

/**
 * The y range of the picture: the 1st–99th percentile of the smoothed curve after its first
 * `skip` values, widened by a factor on each side (log axis) so the raw scatter shows around it.
 */
export function lossYDomain(smooth: readonly number[], skip: number): [number, number] {
  const settled = smooth.slice(Math.min(skip, smooth.length - 1)).filter((v) => v > 0 && Number.isFinite(v));
  if (settled.length === 0) return [1e-3, 1];
  const [lo, hi] = [quantile(settled, 0.01), quantile(settled, 0.99)];
  // At least a factor 2 overall, so a flat curve still gets an axis with ticks.
  const pad = Math.max(1.25, Math.sqrt(2 / (hi / lo)));
  return [lo / pad, hi * pad];
}

/**
 * `phaseStart`: the step after which the time-score term joins the loss (the curve jumps there
 * because the loss gains a term, not because training diverges): drawn as a labelled rule.
 */
export function lossSpec(losses: readonly number[], title: string, phaseStart?: number): TopLevelSpec {
  const span = Math.min(200, Math.max(10, Math.round(losses.length / 50)));
  const smooth = smoothLoss(losses, span);
  // The first 2% of steps, and the two spans after them over which the EMA still remembers them.
  const skip = Math.floor(0.02 * losses.length) + 2 * span;
  // Vega draws thousands of points fine, but a 15000-step run needs no more than ~3000 per line.
  const every = Math.max(1, Math.floor(losses.length / 3000));
  const rows = (ys: readonly number[], series: string) => ys.flatMap((y, i) => (i % every === 0 || i === ys.length - 1 ? [{ step: i + 1, loss: y, series }] : []));
  const [raw, smoothed] = ['loss per step', `smoothed (EMA over ~${span} steps)`];
  const y = { field: 'loss', type: 'quantitative', title: 'loss (log scale)', scale: { type: 'log', domain: lossYDomain(smooth, skip), nice: false } };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: [raw, smoothed], range: ['rgba(31,95,168,0.25)', 'rgb(31,95,168)'] }, legend: { orient: 'top', labelLimit: 400 } };
  const x = { field: 'step', type: 'quantitative', title: 'step', scale: { domain: [1, Math.max(2, losses.length)], nice: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 520,
    height: 300,
    layer: [
      { data: { values: rows(losses, raw) }, mark: { type: 'line', clip: true, strokeWidth: 0.7 }, encoding: { x, y, color } },
      { data: { values: rows(smooth, smoothed) }, mark: { type: 'line', clip: true, strokeWidth: 2.2 }, encoding: { x, y, color } },
      ...phaseLayers(phaseStart, losses.length),
    ],
  } as TopLevelSpec;
}

/** The rule and label at the start of the time-score phase, when it starts inside the run. */
function phaseLayers(start: number | undefined, steps: number): object[] {
  if (start === undefined || !(start > 0 && start < steps)) return [];
  const at = { values: [{ step: start + 0.5, label: `time-score term from step ${start + 1} →` }] };
  const x = { field: 'step', type: 'quantitative' };
  return [
    { data: at, mark: { type: 'rule', color: '#555', strokeDash: [5, 4] }, encoding: { x } },
    { data: at, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 4, y: 0, fontSize: 10, color: '#333' }, encoding: { x, text: { field: 'label' } } },
  ];
}

/**
 * Writes loss.csv and loss.png into `dir` (the picture only when the picture libraries are
 * installed); `phaseStart` marks the time-score phase (lossSpec).
 */
export async function writeLossCurve(dir: string, losses: readonly number[], title: string, phaseStart?: number, warn: (line: string) => void = console.warn): Promise<void> {
  writeFileAtomic(join(dir, 'loss.csv'), 'step,loss\n' + losses.map((l, i) => `${i + 1},${l}`).join('\n') + '\n');
  const png = await picturePath(join(dir, 'loss.png'), false, warn);
  if (png) await renderChart(lossSpec(losses, title, phaseStart), png);
}
