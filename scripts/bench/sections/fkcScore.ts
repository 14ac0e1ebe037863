// The five numbers of the FKC table for one run, in the bench's column order: the metrics
// themselves live in src/metrics/fkc.ts; here only the shape the section's tables read.

import { existsSync, readFileSync } from 'node:fs';
import { FKC_MMD_SCALE, fkcEnergyW2, fkcMmd, fkcTv, fkcW1, fkcW2 } from '../../../src/metrics/fkc.js';
import { writeFileAtomic } from '../../../src/node/files.js';

export interface FkcScores {
  energyW2: number;
  mmd: number;
  tv: number;
  w1: number;
  w2: number;
}

export const FKC_METRICS: (keyof FkcScores)[] = ['energyW2', 'mmd', 'tv', 'w1', 'w2'];

/** Data units: the only unit that reproduces their published MMD column (docs/fkc.md). */
export const MMD_SCALE = FKC_MMD_SCALE;

/**
 * Samples (data units) and log p³ at them, against a reference draw and its log p³. The exact
 * transport costs take about a minute each at N = 10,000, so with `cache` (the samples' cache
 * file) they are kept beside it; `scripts/bench/fkcTransport.ts` fills them on both cores.
 */
export function scoreFkc(points: Float32Array, logp: Float64Array, ref: Float32Array, refLogp: Float64Array, cache?: string): FkcScores {
  const { w1, w2 } = transportCosts(points, ref, cache, process.env.FKC_TRANSPORT !== 'cached');
  return { energyW2: fkcEnergyW2(logp, refLogp), mmd: fkcMmd(points, ref, { scale: MMD_SCALE }), tv: fkcTv(points, ref), w1, w2 };
}

/** Exact W1 and W2 of samples against the reference, from `cache`.ot.json when computed before. */
/**
 * `compute` false (FKC_TRANSPORT=cached): NaN where no cached value exists, and the tables count
 * the runs that have one. `only`: compute just that one (W1 first for every run, then W2).
 */
export function transportCosts(points: Float32Array, ref: Float32Array, cache?: string, compute = true, only?: 'w1' | 'w2'): { w1: number; w2: number } {
  const file = cache && `${cache}.ot.json`;
  const known: Partial<Record<'w1' | 'w2', number>> = file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const costs = { w1: known.w1 ?? NaN, w2: known.w2 ?? NaN };
  if (!compute) return costs;
  if (known.w1 === undefined && only !== 'w2') costs.w1 = fkcW1(points, ref);
  if (known.w2 === undefined && only !== 'w1') costs.w2 = fkcW2(points, ref);
  if (file) writeFileAtomic(file, JSON.stringify(Object.fromEntries(Object.entries(costs).filter(([, v]) => Number.isFinite(v)))));
  return costs;
}
