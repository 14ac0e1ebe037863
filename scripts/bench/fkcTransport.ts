// Fills the exact W1/W2 of the FKC bench's cached runs (about a minute each at N = 10,000), in
// the order the tables need them, so that two processes (`--part 0/2`, `--part 1/2`) use both
// cores; the section (`npm run bench -- --only fkc`) then reads them. Runs not drawn yet are skipped.

import { existsSync, readFileSync } from 'node:fs';
import { FKC_CACHE, floorCache, p3Draw } from './sections/fkc.js';
import { cacheFile, fkcPlan, type FkcRow } from './sections/fkcRuns.js';
import { transportCosts } from './sections/fkcScore.js';
import { log } from './context.js';

const part = process.argv.indexOf('--part') >= 0 ? process.argv[process.argv.indexOf('--part') + 1].split('/').map(Number) : [0, 1];
const plan = fkcPlan(false);
const refs = new Map<number, Float32Array>();
const ref = (seed: number) => refs.get(seed) ?? refs.set(seed, p3Draw(plan.n, `fkc-reference-${seed}`)).get(seed)!;
const jobs: { file: string; seed: number; points: () => Float32Array }[] = plan.seeds.map((seed) => ({ file: floorCache(plan.n, seed), seed, points: () => p3Draw(plan.n, `fkc-floor-${seed}`) }));
// The rows the targets are stated on first (their "target score, systematic", our wfr), then the
// rest in the tables' order; unweighted em (whose far-off samples make the slowest transports) last.
const rank = (r: FkcRow) => (r.label === 'target score, systematic' ? 0 : r.label.startsWith('wfr') ? 1 : r.settings.sampler === 'em' ? 3 : 2);
const rowJobs = plan.subjects.flatMap(([model, rows]) => rows.map((row) => ({ model, row })));
for (const { model, row } of rowJobs.sort((a, b) => rank(a.row) - rank(b.row))) {
  for (const seed of plan.seeds) {
    const file = cacheFile(FKC_CACHE, model, row, plan.n, seed);
    if (existsSync(file)) jobs.push({ file, seed, points: () => { const b = readFileSync(file); return new Float32Array(b.buffer, b.byteOffset, b.length / 4).slice(); } });
  }
}
// W1 (what the targets are stated in) for every run first, then W2.
for (const only of ['w1', 'w2'] as const) {
  const has = (j: (typeof jobs)[number]) => existsSync(`${j.file}.ot.json`) && only in JSON.parse(readFileSync(`${j.file}.ot.json`, 'utf8'));
  const mine = jobs.filter((j, i) => i % part[1] === part[0] && !has(j));
  log(`exact ${only.toUpperCase()} for ${mine.length} runs (part ${part.join('/')})`);
  for (const [i, j] of mine.entries()) {
    const t0 = performance.now();
    const c = transportCosts(j.points(), ref(j.seed), j.file, true, only);
    log(`  ${i + 1}/${mine.length} ${j.file}: ${only.toUpperCase()} ${c[only].toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
}
