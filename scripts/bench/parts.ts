// The per-dataset share of the bench (quality vs cost, and the time-score rows of the checkpoint
// and its DSM-only twin) dominates the run, so each dataset runs in its own child process
// (`bench.ts --part DIR`, one per core) that writes part-<name>.json; the parent merges them.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { selectBackend } from '../../src/node/backend.js';
import { writeFileAtomic } from '../../src/node/files.js';
import { log, MODEL_8, MODEL_DW, type BenchContext } from './context.js';
import { qualityFor, type Quality } from './sections/quality.js';
import { timeScoreFor, type TimeScoreRow } from './sections/timeScore.js';
import { weightsFor, type WeightsRow } from './sections/weights.js';

export interface Part {
  quality: Quality;
  timeScore: TimeScoreRow[];
  weights: WeightsRow[];
}

export async function partFor(ctx: BenchContext, path: string): Promise<Part> {
  const quality = await qualityFor(ctx, path);
  const timeScore = [];
  for (const p of ctx.quick ? [path] : [`${path}-dsm`, path]) if (existsSync(join(p, 'model.json'))) timeScore.push(await timeScoreFor(ctx, p));
  const weights = await weightsFor(ctx, basename(path));
  return { quality, timeScore, weights };
}

/** What a `--part DIR` child does: its part, written where the parent will read it. */
export async function writePart(ctx: BenchContext, path: string): Promise<void> {
  await selectBackend('wasm');
  writeFileAtomic(join(ctx.out, `part-${basename(path)}.json`), JSON.stringify(await partFor(ctx, path)));
}

function childPart(ctx: BenchContext, path: string): Promise<Part> {
  return new Promise<Part>((resolve, reject) => {
    const file = join(ctx.out, `part-${basename(path)}.json`);
    const args = ['--import', 'tsx', 'scripts/bench.ts', '--part', path, '--out', ctx.out, ...(ctx.nFlag ? ['--n', String(ctx.nFlag)] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench part ${path} exited ${code}`));
      resolve(JSON.parse(readFileSync(file, 'utf8')));
      rmSync(file);
    });
  });
}

/** Every dataset's part, in order: in this process for --quick, else one child each. */
export async function allParts(ctx: BenchContext): Promise<Part[]> {
  if (ctx.quick) return [await partFor(ctx, MODEL_8)];
  log('== quality vs cost, and DSM only vs time-score (one child process per dataset)');
  return Promise.all([MODEL_8, MODEL_DW].map((path) => childPart(ctx, path)));
}
