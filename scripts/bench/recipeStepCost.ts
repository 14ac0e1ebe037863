// Per-step cost of the recipe search's candidates (docs/speed.md), measured in one process and
// alternating, so the machine's load falls on all alike: for each recipe a DSM step and a step
// with the time-score term (the target it uses), in rounds of ROUND steps after a warm-up; the
// median over rounds of wall and CPU ms a step; and one stop-when-good check of the masses.
// Usage: npx tsx scripts/bench/recipeStepCost.ts [rounds]  (4 rounds of 50 steps = 200 a recipe)

import { builtinSource } from '../../src/data/source.js';
import { selectBackend } from '../../src/node/backend.js';
import { getDataset } from '../../src/data/datasets.js';
import { trainConfigFrom, type TrainKnobValues } from '../../src/train/config.js';
import { StopWhenGood } from '../../src/train/stopWhenGood.js';
import { Trainer } from '../../src/train/trainer.js';
import { median } from '../../src/stats.js';

const ROUND = 50;
const WARM = 10;
const term = (mu: number, r: number): Partial<TrainKnobValues> => ({ timeScoreSteps: 0, timeScoreFrom: 0, timeScoreWeight: mu, timeScoreReference: r, steps: 100000 });
const net = (w: number, batch: number): Partial<TrainKnobValues> => ({ hidden: [w, w, w], batch });

/** label → knobs of a step; "DSM" rows have no time-score term. */
const RECIPES: Record<string, Partial<TrainKnobValues>> = {
  '3×128 b1024 DSM': { ...net(128, 1024), timeScoreSteps: 0 },
  '3×128 b1024 term R0': { ...net(128, 1024), ...term(1, 0) },
  '3×128 b1024 term R256': { ...net(128, 1024), ...term(1, 256) },
  '3×128 b1024 term R1024': { ...net(128, 1024), ...term(1, 1024) },
  '3×128 b512 DSM': { ...net(128, 512), timeScoreSteps: 0 },
  '3×128 b512 term R256': { ...net(128, 512), ...term(1, 256) },
  '3×128 b256 DSM': { ...net(128, 256), timeScoreSteps: 0 },
  '3×128 b256 term R256': { ...net(128, 256), ...term(1, 256) },
  '3×96 b512 DSM': { ...net(96, 512), timeScoreSteps: 0 },
  '3×96 b512 term R256': { ...net(96, 512), ...term(1, 256) },
  '3×64 b512 DSM': { ...net(64, 512), timeScoreSteps: 0 },
  '3×64 b512 term R0': { ...net(64, 512), ...term(1, 0) },
  '3×64 b512 term R256': { ...net(64, 512), ...term(1, 256) },
  '3×64 b512 term R1024': { ...net(64, 512), ...term(1, 1024) },
};

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

await selectBackend('wasm');
const rounds = Number(process.argv[2] ?? 4);
const name = 'eight-gaussians-imbalanced';
const data = builtinSource(name);
const trainers = Object.entries(RECIPES).map(([label, knobs]) => ({ label, tr: new Trainer(trainConfigFrom({ dataset: name, ...knobs }), data), wall: [] as number[], cpu: [] as number[] }));
const load0 = (await import('node:os')).loadavg();
for (const t of trainers) for (let i = 0; i < WARM; i++) t.tr.trainStep();
for (let r = 0; r < rounds; r++) {
  for (const t of trainers) {
    const w0 = performance.now();
    const c0 = cpuMs();
    for (let i = 0; i < ROUND; i++) t.tr.trainStep();
    t.wall.push((performance.now() - w0) / ROUND);
    t.cpu.push((cpuMs() - c0) / ROUND);
  }
}
// One masses check per network size (its cost does not depend on the batch or the term).
const checks: string[] = [];
for (const t of trainers.filter((t) => t.label.endsWith('DSM') && !t.label.includes('b256'))) {
  const stopper = new StopWhenGood(1, getDataset(name));
  const c = { ...t.tr.config, timeScorePhase: undefined };
  const w0 = performance.now();
  stopper.check(Object.assign(Object.create(t.tr), { config: c, step: 1 }));
  checks.push(`${t.label.split(' ')[0]}: ${((performance.now() - w0) / 1000).toFixed(2)} s`);
}
const load1 = (await import('node:os')).loadavg();
console.log(`load average ${load0.map((l) => l.toFixed(2)).join(' ')} at start, ${load1.map((l) => l.toFixed(2)).join(' ')} at end; ${rounds} rounds of ${ROUND} steps`);
console.log('| recipe step | wall ms/step (median of rounds) | CPU ms/step |\n|---|---|---|');
for (const t of trainers) console.log(`| ${t.label} | ${median(t.wall).toFixed(1)} | ${median(t.cpu).toFixed(1)} |`);
console.log(`one stop-when-good check of the masses (wall): ${checks.join(', ')}`);
trainers.forEach((t) => t.tr.dispose());
