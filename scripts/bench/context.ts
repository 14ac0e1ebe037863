// What every bench section shares: the run's settings (quick or full, output folder, N, steps,
// seeds), the checkpoints and samplers measured, the Section shape each returns, and the
// number formatting the tables use.

import { MASS_TIMES } from '../../src/metrics/potentialMasses.js';

export const MODEL_8 = 'models/eight-gaussians-imbalanced';
export const MODEL_DW = 'models/double-well';
export const SAMPLERS = ['em', 'pc', 'fk', 'wfr'];

export interface BenchContext {
  quick: boolean;
  out: string;
  /** Particles of the quality sections. */
  n: number;
  /** --n as given (passed on to the per-dataset child processes). */
  nFlag?: number;
  /** Step counts and seeds of the quality sections. */
  steps: number[];
  seeds: number[];
  massTimes: number[];
}

export function benchContext(o: { quick: boolean; out: string; n?: number }): BenchContext {
  const Q = o.quick;
  return {
    quick: Q,
    out: o.out,
    n: o.n ?? (Q ? 300 : 2000),
    nFlag: o.n,
    steps: Q ? [5] : [20, 50, 100, 500],
    seeds: Q ? [1] : [1, 2, 3],
    massTimes: Q ? [0.5, 0.02] : MASS_TIMES,
  };
}

/** A section of the report: its Markdown lines and its share of results.json (by key). */
export interface Section {
  md: string[];
  json: Record<string, unknown>;
}

export const log = (s: string) => process.stdout.write(s + '\n');

export const meanSd = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean: m, sd: Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1)) };
};

export const fmt = (v: number, d = 3) => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(d) : v.toExponential(1));

/** "3 seeds" / "1 seed". */
export const seedsText = (seeds: number[]) => `${seeds.length} seed${seeds.length > 1 ? 's' : ''}`;
