// Bench section: what wasm's threaded build gives in Node (src/node/wasmThreads.ts). Each
// thread count runs in its own process (a backend starts once per process), alternating rounds;
// wall-clock and CPU milliseconds per step (CPU over every thread), the machine's load recorded.

import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { median } from '../../../src/stats.js';
import { log, type BenchContext, type Section } from '../context.js';

interface Probe {
  train: { wall: number; cpu: number };
  sample: { wall: number; cpu: number };
}

function probe(threads: number, args: number[]): Probe {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/threadsProbe.ts', String(threads), ...args.map(String)], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`threads probe (${threads}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Probe;
}

export async function wasmThreadsSection(ctx: BenchContext): Promise<Section> {
  log('== wasm threads');
  const Q = ctx.quick;
  const [batch, trainSteps, n, sampleSteps, rounds] = Q ? [256, 5, 500, 5, 1] : [1024, 100, 4000, 50, 3];
  const counts = [1, 2, 4].filter((t) => t === 1 || t <= cpus().length);
  const load = loadavg()[0]!;
  const runs = new Map<number, Probe[]>(counts.map((t) => [t, []]));
  for (let r = 0; r < rounds; r++) {
    for (const t of r % 2 ? [...counts].reverse() : counts) runs.get(t)!.push(probe(t, [batch, trainSteps, n, sampleSteps]));
  }
  const stat = (t: number, k: 'train' | 'sample', m: 'wall' | 'cpu') => median(runs.get(t)!.map((p) => p[k][m]));
  const rows = counts.map((t) => ({
    threads: t,
    train: { wall: stat(t, 'train', 'wall'), cpu: stat(t, 'train', 'cpu') },
    sample: { wall: stat(t, 'sample', 'wall'), cpu: stat(t, 'sample', 'cpu') },
  }));
  const base = rows[0]!;
  for (const r of rows) log(`  ${r.threads} thread(s): DSM step ${r.train.wall.toFixed(1)} ms (${(base.train.wall / r.train.wall).toFixed(2)}×), em step ${r.sample.wall.toFixed(1)} ms (${(base.sample.wall / r.sample.wall).toFixed(2)}×)`);
  const md = [
    `### wasm threads in Node (median ms per step over ${rounds} alternating rounds, one process per count; ${cpus().length} logical cores, load ${load.toFixed(2)} at the start)`,
    '',
    `\`--threads N\` starts wasm's threaded build. DSM step: batch ${batch}, the default network; em step: N = ${n} on the shipped checkpoint. Wall-clock ms, CPU ms (all threads) in brackets.`,
    '',
    '| threads | DSM step | speed-up | em step | speed-up |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.threads} | ${r.train.wall.toFixed(1)} (${r.train.cpu.toFixed(1)}) | ${(base.train.wall / r.train.wall).toFixed(2)}× | ${r.sample.wall.toFixed(1)} (${r.sample.cpu.toFixed(1)}) | ${(base.sample.wall / r.sample.wall).toFixed(2)}× |`),
    '',
  ];
  return { md, json: { wasmThreads: { load, rows } } };
}
