// The runs of the FKC Table A1 side by side (bench section fkc.ts): which sampler settings make
// each row, on which model, and the samples they give — drawn once per (row, seed) and kept in a
// cache folder, since a K = 1000 row on 10,000 particles takes minutes and scoring is separate.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GMM40 } from '../../../src/data/gmm40.js';
import { productMixture } from '../../../src/data/mixture.js';
import { writeFileAtomic } from '../../../src/node/files.js';
import { generate, loadModels, type LoadedModels } from '../../../src/node/generate.js';
import type { SampleSettings } from '../../../src/sampling/settings.js';
import { log } from '../context.js';

/** Their protocol: coordinates x/50, VE from zero noise with σ 0.01 … 10 (in those units), β = 3. */
export const FKC_FRAME = { mean: [0, 0] as [number, number], scale: 50 };
export const FKC_EXACT = { sde: 've0', sdeParams: { sigmaMin: 0.01, sigmaMax: 10 }, frame: FKC_FRAME };
export const FKC_BETA = 3;

export interface FkcRow {
  label: string;
  /** Which table block: their settings on the exact potential, ours on it, ours on a learned model. */
  block: 'protocol' | 'exact' | 'learned';
  steps: number;
  settings: Partial<SampleSettings>;
  /** The published row it reproduces (a key of PUBLISHED). */
  published?: string;
}

const every = { essThreshold: 1 };

/** Their six rows at K = 1000: target score (em at β) or tempered noise, with no, systematic or birth–death resampling every step. */
export function protocolRows(steps: number): FkcRow[] {
  const rows: FkcRow[] = [];
  for (const [drift, predictor] of [['target score', 'em'], ['tempered noise', 'tempered']] as const) {
    rows.push({ label: `${drift}, none`, block: 'protocol', steps, settings: { sampler: 'em', predictor }, published: `${drift}, none` });
    rows.push({ label: `${drift}, systematic`, block: 'protocol', steps, settings: { sampler: 'fk', predictor, ...every, resampler: 'systematic' }, published: `${drift}, systematic` });
    rows.push({ label: `${drift}, birth–death`, block: 'protocol', steps, settings: { sampler: 'fk', predictor, ...every, resampler: 'death-clock' }, published: `${drift}, birth–death` });
  }
  return rows;
}

/**
 * wfr as `npm run sample` runs it: the defaults that changed since the table was first drawn (the
 * kernel floor read off the target, the log-noise clock), spelled out so that the cache key of a
 * draw tells those runs apart. A change of another default (α, the density) needs a new key too.
 */
export const WFR_DEFAULTS: Partial<SampleSettings> = { sampler: 'wfr', bMinRule: 'fisher', reactionClock: 'noise' };

/**
 * Our samplers at step counts `ks`, `tOff` (learned models): weights act down to it instead of the
 * checkpoint's cut-off. (Each run's exact transport costs about a minute, which is what limits the rows.)
 */
export function ourRows(block: 'exact' | 'learned', ks: number[], tOff?: number): FkcRow[] {
  const wfr = { ...WFR_DEFAULTS, ...(tOff !== undefined && { tOff }) };
  const variants: [string, Partial<SampleSettings>][] = [
    ['em', { sampler: 'em' }],
    ...(block === 'exact' ? [['fk, every step', { sampler: 'fk', ...every }] as [string, Partial<SampleSettings>]] : []),
    [tOff === undefined ? 'wfr' : `wfr, t-off ${tOff}`, wfr],
    ...(block === 'exact' ? [['wfr, birth–death', { ...wfr, resampler: 'birth-death' }] as [string, Partial<SampleSettings>]] : []),
  ];
  return ks.flatMap((steps) => variants.map(([label, settings]) => ({ label, block, steps, settings })));
}

/** The exact p³ (a mixture of 40³ components at the means of triples, std σ/√3). */
export const exactP3 = () => productMixture([GMM40, GMM40, GMM40]);

/** A checkpoint's identity for the cache: a hash of its model.json (which names its weights file and save time). */
function modelKey(model: string): string {
  if (model.startsWith('exact:')) return model.replace(/[^a-z0-9]+/gi, '-');
  const text = readFileSync(join(model, 'model.json'), 'utf8');
  return `${model.replace(/[^a-z0-9]+/gi, '-')}-${createHash('sha1').update(text).digest('hex').slice(0, 10)}`;
}

export const cacheFile = (dir: string, model: string, row: FkcRow, n: number, seed: number) =>
  join(dir, `${modelKey(model)}-${row.steps}-${JSON.stringify(row.settings).replace(/[^a-z0-9.]+/gi, '-')}-n${n}-s${seed}.f32`);

export interface Drawn {
  points: Float32Array;
  /** Where the draw is kept (its scores are kept beside it). */
  file: string;
  seconds: number;
  cpuSeconds: number;
  distinctAncestors: number;
}

/** The samples of `row` for `seed` (data units), from the cache when drawn before. */
export async function drawRow(o: { loaded: LoadedModels; model: string; row: FkcRow; n: number; seed: number; cache: string }): Promise<Drawn> {
  const file = cacheFile(o.cache, o.model, o.row, o.n, o.seed);
  if (existsSync(file) && existsSync(file + '.json')) {
    const b = readFileSync(file);
    return { points: new Float32Array(b.buffer, b.byteOffset, b.length / 4).slice(), file, ...JSON.parse(readFileSync(file + '.json', 'utf8')) };
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const g = await generate(o.loaded, { ...o.row.settings, steps: o.row.steps, n: o.n, seed: o.seed, beta: FKC_BETA });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const meta = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, distinctAncestors: g.result.distinctAncestors };
  writeFileAtomic(file, new Uint8Array(g.points.buffer, g.points.byteOffset, g.points.byteLength));
  writeFileAtomic(file + '.json', JSON.stringify(meta));
  log(`  ${o.model} ${o.row.label} K=${o.row.steps} seed ${o.seed}: ${seconds.toFixed(1)} s`);
  return { points: g.points, file, ...meta };
}

/** The exact model in their protocol, or a checkpoint. */
export async function fkcModel(model: string): Promise<LoadedModels> {
  return model.startsWith('exact:') ? loadModels([model], { exact: FKC_EXACT }) : loadModels([model]);
}

/** The default-recipe gmm40 model the bench scores (trained by scripts/train-shipped.sh). */
export const LEARNED_GMM40 = 'models/fkc/gmm40';
/** The same with `--steps 12000` (the lever measured in docs/findings-many-modes.md). */
export const LEARNED_GMM40_LONG = 'models/fkc/gmm40-12k';
/** VP t where σ/α = 0.0774: weights acting below the measured cut-off (docs/fkc.md). */
export const LOW_T_OFF = 0.02;

export interface FkcPlan {
  n: number;
  seeds: number[];
  /** [model, rows]: the exact potential in their protocol, and the learned model when trained. */
  subjects: [string, FkcRow[]][];
}

/** What a full (or quick) run draws: N = 10,000 and 5 runs as in their table. */
export function fkcPlan(quick: boolean): FkcPlan {
  // Our samplers at K = 100 and 20 only: K = 1000 rows cost ~1 CPU-minute of sampling and as much of exact transport per run.
  const exactRows = quick ? [...protocolRows(50).slice(0, 2), ...ourRows('exact', [10]).filter((r) => r.label === 'wfr')] : [...protocolRows(1000), ...ourRows('exact', [100, 20])];
  const subjects: [string, FkcRow[]][] = [['exact:gmm40', exactRows]];
  if (!quick) {
    if (existsSync(join(LEARNED_GMM40, 'model.json'))) subjects.push([LEARNED_GMM40, [...ourRows('learned', [100, 20]), ...ourRows('learned', [100], LOW_T_OFF).slice(1)]]);
    if (existsSync(join(LEARNED_GMM40_LONG, 'model.json'))) subjects.push([LEARNED_GMM40_LONG, [...ourRows('learned', [100]).slice(1), ...ourRows('learned', [100], LOW_T_OFF).slice(1)]]);
  }
  return { n: quick ? 1000 : 10_000, seeds: quick ? [0] : [0, 1, 2, 3, 4], subjects };
}
