// Pictures for people: charts are Vega-Lite specs rendered headlessly by Vega to SVG, and to
// PNG by resvg when the path ends in .png. Declarative specs beat hand-drawn axes and legends,
// and the same specs would render unchanged in a browser.

import type { TopLevelSpec } from 'vega-lite';
import type { Points } from '../data/datasets.js';
import { writeFileAtomic } from './files.js';
import { pictureLibraries } from './pictureLibraries.js';

/** The picture as bytes (SVG text or PNG, by the path's extension), without writing it. */
export async function chartBytes(spec: TopLevelSpec, path: string): Promise<string | Uint8Array> {
  if (!path.endsWith('.svg') && !path.endsWith('.png')) throw new Error(`picture path must end in .png or .svg: ${path}`);
  const libs = await pictureLibraries();
  if (typeof libs === 'string') throw new Error(libs);
  const svg = await libs.toSvg(spec);
  return path.endsWith('.svg') ? svg : libs.toPng(svg);
}

export async function renderChart(spec: TopLevelSpec, path: string): Promise<void> {
  writeFileAtomic(path, await chartBytes(spec, path));
}

export interface ScatterPanel {
  title: string;
  points: Points;
  /** Normalised weights: drawn as point size. */
  weights?: ArrayLike<number>;
  /** A line of numbers under the title (e.g. the panel's metrics). */
  subtitle?: string;
}

export interface ScatterOptions {
  /** Drawn faint behind every panel; when given, it alone sets the axes (see `scatterDomain`). */
  reference?: Points;
  /** The reference's name in the legend: 'data' (default) or e.g. 'exact law'. */
  referenceLabel?: string;
  title?: string;
  maxPoints?: number;
  /** The panel whose points set the axes (others' strays are clipped). */
  frameFrom?: number;
  /** Fixed axes [x0, x1, y0, y1] (e.g. --plot-range), over everything else. */
  domain?: [number, number, number, number];
}

/** Bounding box [x0, x1, y0, y1] of the finite points. */
function boundsOf(sets: Points[]): [number, number, number, number] {
  const e: [number, number, number, number] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const pts of sets) {
    for (let i = 0; i + 1 < pts.length; i += 2) {
      const [x, y] = [pts[i], pts[i + 1]];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      e[0] = Math.min(e[0], x);
      e[1] = Math.max(e[1], x);
      e[2] = Math.min(e[2], y);
      e[3] = Math.max(e[3], y);
    }
  }
  return e[1] >= e[0] ? e : [-1, 1, -1, 1];
}

/**
 * The axes of a scatter picture, [x0, x1, y0, y1], equal in length (shapes and distances read
 * the same in x and y). Pictures meant to be compared must not each pick their own: the explicit
 * domain, else the frame panel's points, else the reference (the data or the exact law — the same
 * for every sampler and run), and only without any of these all the points.
 */
export function scatterDomain(panels: ScatterPanel[], opts: ScatterOptions): [number, number, number, number] {
  if (opts.domain) return opts.domain;
  const e = boundsOf(opts.frameFrom !== undefined ? [panels[opts.frameFrom].points] : opts.reference ? [opts.reference] : panels.map((p) => p.points));
  const half = 0.55 * Math.max(e[1] - e[0], e[3] - e[2], 1e-6);
  const [cx, cy] = [(e[0] + e[1]) / 2, (e[2] + e[3]) / 2];
  return [cx - half, cx + half, cy - half, cy + half];
}

/** How many of the points fall outside the axes (said in the panel's title: they are clipped, not hidden silently). */
export function countOutside(pts: Points, d: [number, number, number, number]): number {
  let k = 0;
  for (let i = 0; i + 1 < pts.length; i += 2) if (!(pts[i] >= d[0] && pts[i] <= d[1] && pts[i + 1] >= d[2] && pts[i + 1] <= d[3])) k++;
  return k;
}

/** Side-by-side scatter panels on shared axes (`scatterDomain`), with optional reference points faint behind. */
export function scatterSpec(panels: ScatterPanel[], opts: ScatterOptions = {}): TopLevelSpec {
  const max = opts.maxPoints ?? 4000;
  const domain = scatterDomain(panels, opts);
  const refLabel = opts.referenceLabel ?? 'data';
  const rows: Record<string, unknown>[] = [];
  const add = (panel: string, pts: Points, layer: string, w?: ArrayLike<number>) => {
    const n = pts.length / 2;
    const stride = Math.max(1, Math.ceil(n / max));
    for (let i = 0; i < n; i += stride) {
      // Marker area ∝ weight (mean weight → the unweighted size), clamped to stay visible.
      rows.push({ panel, layer, x: pts[2 * i], y: pts[2 * i + 1], size: w ? Math.min(80, Math.max(1, 7 * w[i] * n)) : layer === refLabel ? 5 : 7 });
    }
  };
  const titles = panels.map((p) => {
    const out = countOutside(p.points, domain);
    const note = out ? `${out} of ${p.points.length / 2} outside the axes` : '';
    const sub = [p.subtitle, note].filter(Boolean).join('; ');
    return sub ? `${p.title} — ${sub}` : p.title;
  });
  panels.forEach((p, k) => {
    if (opts.reference) add(titles[k], opts.reference, refLabel);
    add(titles[k], p.points, 'samples', p.weights);
  });
  const scale = (lo: number, hi: number) => ({ domain: [lo, hi], nice: false, zero: false });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: opts.title,
    data: { values: rows },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: titles, header: { labelLimit: 420 } } },
    spec: {
      width: 260,
      height: 260,
      mark: { type: 'circle', stroke: null, opacity: 1, clip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', scale: scale(domain[0], domain[1]), title: null },
        y: { field: 'y', type: 'quantitative', scale: scale(domain[2], domain[3]), title: null },
        color: {
          field: 'layer',
          type: 'nominal',
          // Transparency inside the colours: a separate opacity channel on the same field
          // would fight the colour legend.
          scale: { domain: [refLabel, 'samples'], range: ['rgba(150,150,150,0.3)', 'rgba(31,95,168,0.55)'] },
          legend: opts.reference ? { title: null, orient: 'bottom' } : null,
        },
        size: { field: 'size', type: 'quantitative', scale: null, legend: null },
        order: { field: 'layer', sort: 'ascending' },
      },
    },
    resolve: { scale: { x: 'shared', y: 'shared' } },
  } as TopLevelSpec;
}

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export function lineSpec(series: Series[], opts: { title?: string; xTitle: string; yTitle: string; logX?: boolean; logY?: boolean; points?: boolean }): TopLevelSpec {
  const rows = series.flatMap((s) => Array.from(s.x, (x, i) => ({ series: s.name, x, y: s.y[i] })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: opts.title,
    width: 480,
    height: 280,
    data: { values: rows },
    mark: { type: 'line', point: !!opts.points, clip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: opts.xTitle, scale: opts.logX ? { type: 'log' } : { zero: false } },
      y: { field: 'y', type: 'quantitative', title: opts.yTitle, scale: opts.logY ? { type: 'log' } : { zero: false } },
      color: { field: 'series', type: 'nominal', title: null, legend: series.length > 1 ? { orient: 'top' } : null },
    },
  } as TopLevelSpec;
}

/** Grouped bars: one group per index (e.g. a mode), one bar per series, shared y axis. */
export function barSpec(series: { name: string; values: ArrayLike<number> }[], opts: { title?: string; xTitle: string; yTitle: string }): TopLevelSpec {
  const rows = series.flatMap((s) => Array.from(s.values, (y, i) => ({ series: s.name, x: i + 1, y })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: opts.title,
    width: 900,
    height: 240,
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: opts.xTitle },
      xOffset: { field: 'series', type: 'nominal', sort: series.map((s) => s.name) },
      y: { field: 'y', type: 'quantitative', title: opts.yTitle },
      color: { field: 'series', type: 'nominal', title: null, sort: series.map((s) => s.name), legend: { orient: 'top', columns: 3 } },
    },
  } as TopLevelSpec;
}

/** `--plot-range x0,x1,y0,y1`: four finite numbers, x0 < x1 and y0 < y1; a clear error naming the flag otherwise. */
export function parsePlotRange(text: string, flag = '--plot-range'): [number, number, number, number] {
  const v = text.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (v.length !== 4 || !v.every(Number.isFinite)) throw new Error(`${flag} must be four numbers x0,x1,y0,y1, got '${text}'`);
  if (!(v[0] < v[1] && v[2] < v[3])) throw new Error(`${flag} needs x0 < x1 and y0 < y1, got '${text}'`);
  return v as [number, number, number, number];
}
