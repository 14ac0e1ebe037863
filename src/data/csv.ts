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

/**
 * A user's labelled data for class-conditional training: header `x,y,label` (any names for x and
 * y), then two numbers and a label per line. Labels are names (trimmed, non-empty); classes are
 * numbered in sorted order (numerically when every label is an integer), so a file gives the
 * same classes however its rows are ordered.
 */
export function parseLabeledPointsCsv(text: string, source: string, maxClasses: number): { points: Points; labels: Int32Array; names: string[] } {
  const lines = splitLines(text);
  if (lines.length === 0) throw new CsvError(`${source}: file is empty (expected a header row x,y,label and rows of two numbers and a label)`);
  const header = lines[0].text.split(',').map((h) => h.trim());
  if (header.length !== 3 || header[2].toLowerCase() !== 'label') {
    throw new CsvError(`${source}:${lines[0].line}: --conditional needs a third column named label (header x,y,label), found '${lines[0].text}'`);
  }
  const rows = lines.slice(1);
  if (rows.length === 0) throw new CsvError(`${source}: no data rows after the header`);
  const points = new Float32Array(2 * rows.length);
  const raw: string[] = [];
  rows.forEach(({ text: row, line }, i) => {
    const cells = row.split(',');
    if (cells.length !== 3) throw new CsvError(`${source}:${line}: expected 3 columns (x, y, label), found ${cells.length}`);
    for (let j = 0; j < 2; j++) points[2 * i + j] = parseFinite(cells[j], source, line);
    const label = cells[2].trim();
    if (label === '') throw new CsvError(`${source}:${line}: empty label`);
    raw.push(label);
  });
  const distinct = [...new Set(raw)];
  if (distinct.length > maxClasses) throw new CsvError(`${source}: ${distinct.length} distinct labels, over the limit of ${maxClasses} classes`);
  const numeric = distinct.every((l) => /^-?\d+$/.test(l));
  const names = numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
  const index = new Map(names.map((n, k) => [n, k]));
  return { points, labels: Int32Array.from(raw, (l) => index.get(l)!), names };
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
