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

/** Side-by-side scatter panels on shared axes, with optional reference points faint behind. */
/** `frameFrom`: the panel whose points set the axes (others' strays are clipped); default all points. */
export function scatterSpec(panels: ScatterPanel[], opts: { reference?: Points; title?: string; maxPoints?: number; frameFrom?: number } = {}): TopLevelSpec {
  const max = opts.maxPoints ?? 4000;
  const rows: Record<string, unknown>[] = [];
  const extent = [Infinity, -Infinity, Infinity, -Infinity];
  const add = (panel: string, pts: Points, layer: string, w?: ArrayLike<number>, sets = true) => {
    const n = pts.length / 2;
    const stride = Math.max(1, Math.ceil(n / max));
    for (let i = 0; i < n; i += stride) {
      const [x, y] = [pts[2 * i], pts[2 * i + 1]];
      // Marker area ∝ weight (mean weight → the unweighted size), clamped to stay visible.
      rows.push({ panel, layer, x, y, size: w ? Math.min(80, Math.max(1, 7 * w[i] * n)) : layer === 'data' ? 5 : 7 });
      if (!sets) continue;
      extent[0] = Math.min(extent[0], x);
      extent[1] = Math.max(extent[1], x);
      extent[2] = Math.min(extent[2], y);
      extent[3] = Math.max(extent[3], y);
    }
  };
  const titles = panels.map((p) => (p.subtitle ? `${p.title} — ${p.subtitle}` : p.title));
  panels.forEach((p, k) => {
    if (opts.reference) add(titles[k], opts.reference, 'data');
    add(titles[k], p.points, 'samples', p.weights, opts.frameFrom === undefined || opts.frameFrom === k);
  });
  // Equal aspect: both axes span the same length (the larger extent, padded), so shapes and
  // distances read the same in x and y.
  const half = 0.55 * Math.max(extent[1] - extent[0], extent[3] - extent[2]);
  const scale = (lo: number, hi: number) => ({ domain: [(lo + hi) / 2 - half, (lo + hi) / 2 + half], nice: false, zero: false });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: opts.title,
    data: { values: rows },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: titles } },
    spec: {
      width: 260,
      height: 260,
      mark: { type: 'circle', stroke: null, opacity: 1, clip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', scale: scale(extent[0], extent[1]), title: null },
        y: { field: 'y', type: 'quantitative', scale: scale(extent[2], extent[3]), title: null },
        color: {
          field: 'layer',
          type: 'nominal',
          // Transparency inside the colours: a separate opacity channel on the same field
          // would fight the colour legend.
          scale: { domain: ['data', 'samples'], range: ['rgba(150,150,150,0.3)', 'rgba(31,95,168,0.55)'] },
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
