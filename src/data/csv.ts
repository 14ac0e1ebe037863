// Reading and writing 2D point CSVs as text (no file system here, so the browser can use it).
// User data: a header row and two numeric columns. Samples files (docs/datasets.md): header
// `x,y` or `x,y,weight`, weights non-negative and summing to 1. Errors name the source and line.

import type { Points } from './datasets.js';

export class CsvError extends Error {}

const FLOAT32_MAX = 3.4028234663852886e38;

export interface ParsedPoints {
  points: Points;
  /** Present when the file has a third `weight` column. */
  weights?: Float64Array;
}

/** A user's data file: header row, then two numeric columns per line. */
export function parsePointsCsv(text: string, source: string): Points {
  const lines = splitLines(text);
  if (lines.length === 0) throw new CsvError(`${source}: file is empty (expected a header row and two numeric columns)`);
  const header = lines[0].text.split(',');
  if (header.length !== 2) throw new CsvError(`${source}:${lines[0].line}: header must name 2 columns, found ${header.length}`);
  const rows = lines.slice(1);
  if (rows.length === 0) throw new CsvError(`${source}: no data rows after the header`);
  const out = new Float32Array(2 * rows.length);
  rows.forEach(({ text: row, line }, i) => {
    const cells = row.split(',');
    if (cells.length !== 2) throw new CsvError(`${source}:${line}: expected 2 columns, found ${cells.length}`);
    for (let j = 0; j < 2; j++) out[2 * i + j] = parseFinite(cells[j], source, line);
  });
  return out;
}

/** A samples file as the project writes it; validates the header and the weights. */
export function parseSamplesCsv(text: string, source: string): ParsedPoints {
  const lines = splitLines(text);
  const head = lines[0]?.text.replace(/\s/g, '');
  if (head !== 'x,y' && head !== 'x,y,weight') {
    throw new CsvError(`${source}:1: header must be 'x,y' or 'x,y,weight', found '${lines[0]?.text ?? ''}'`);
  }
  const cols = head === 'x,y' ? 2 : 3;
  const rows = lines.slice(1);
  if (rows.length === 0) throw new CsvError(`${source}: no samples after the header`);
  const points = new Float32Array(2 * rows.length);
  const weights = cols === 3 ? new Float64Array(rows.length) : undefined;
  rows.forEach(({ text: row, line }, i) => {
    const cells = row.split(',');
    if (cells.length !== cols) throw new CsvError(`${source}:${line}: expected ${cols} columns, found ${cells.length}`);
    points[2 * i] = parseFinite(cells[0], source, line);
    points[2 * i + 1] = parseFinite(cells[1], source, line);
    if (weights) {
      const w = parseFinite(cells[2], source, line);
      if (w < 0) throw new CsvError(`${source}:${line}: weight ${w} is negative`);
      weights[i] = w;
    }
  });
  if (weights) {
    const total = weights.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-4) throw new CsvError(`${source}: weights sum to ${total}, not 1`);
  }
  return { points, weights };
}

export function formatSamplesCsv(points: Points, weights?: ArrayLike<number>): string {
  const n = points.length / 2;
  const out: string[] = [weights ? 'x,y,weight' : 'x,y'];
  for (let i = 0; i < n; i++) {
    const row = `${fmt(points[2 * i])},${fmt(points[2 * i + 1])}`;
    out.push(weights ? `${row},${weights[i].toPrecision(9)}` : row);
  }
  return out.join('\n') + '\n';
}

const fmt = (v: number) => Number(v.toPrecision(7)).toString();

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseFinite(cell: string, source: string, line: number): number {
  const s = cell.trim();
  // Decimal only: Number() would also read '0x10' as 16, '0b1' as 1 and '1_0' never; none is data.
  const v = DECIMAL.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(v)) throw new CsvError(`${source}:${line}: '${s}' is not a finite number`);
  // Points are float32 in the model: a value past its range would silently become ±Infinity.
  if (Math.abs(v) > FLOAT32_MAX) throw new CsvError(`${source}:${line}: '${s}' overflows float32 (|value| > 3.4e38)`);
  return v;
}

function splitLines(text: string): { text: string; line: number }[] {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ text: t.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
}
