// wfr's reaction clock (--reaction-clock noise | time) on exact potentials under every SDE and on
// the learned recipe checkpoints: mean mode-weight error over seeds 1–4 (N = 4000), for the choice
// of default (docs/findings.md, the reaction's clock). With --alphas a,b,c: the rate α on the
// noise clock instead, on exact gmm40 and eight-gaussians-imbalanced under VP and the checkpoints.
// Usage: npx tsx scripts/bench/reactionClock.ts [--alphas 10,20,40] [checkpoint …]
import { modeSummary } from '../../src/metrics/modes.js';
import { selectBackend } from '../../src/node/backend.js';
import { generate, loadModels, type LoadedModels } from '../../src/node/generate.js';
import type { SampleSettings } from '../../src/sampling/settings.js';
await selectBackend('wasm');

const SEEDS = [1, 2, 3, 4];
const args = process.argv.slice(2);
const sweep = args[0] === '--alphas' ? args[1].split(',').map(Number) : undefined;
const checkpoints = sweep ? args.slice(2) : args;
const variants: [string, Partial<SampleSettings>][] = sweep
  ? sweep.map((alpha) => [`α = ${alpha}`, { alpha }])
  : [['t clock', { reactionClock: 'time' }], ['noise clock (default)', { reactionClock: 'noise' }]];

async function row(label: string, loaded: LoadedModels, beta: number, steps: number): Promise<void> {
  const cells: string[] = [];
  for (const [, extra] of variants) {
    let total = 0;
    for (const seed of SEEDS) {
      const g = await generate(loaded, { sampler: 'wfr', steps, n: 4000, seed, beta, ...extra });
      total += modeSummary(g.points, loaded.dataset!.modes!, undefined, beta).error;
    }
    cells.push((total / SEEDS.length).toFixed(3));
  }
  console.log(`| ${label} | ${beta} | ${steps} | ${cells.join(' | ')} |`);
}

console.log(`| subject | β | K | ${variants.map(([l]) => l).join(' | ')} |\n|---|---|---|${variants.map(() => '---|').join('')}`);
const sdes = sweep ? ['vp'] : ['vp', 'subvp', 've'];
for (const name of ['eight-gaussians-imbalanced', 'gmm40']) {
  for (const sde of sdes) {
    const loaded = await loadModels([`exact:${name}`], { exact: { sde } });
    for (const beta of sweep ? [name === 'gmm40' ? 3 : 2] : [2, 3]) for (const steps of [100, 20]) await row(`exact:${name}, ${sde}`, loaded, beta, steps);
    loaded.dispose();
  }
}
for (const dir of checkpoints) {
  const loaded = await loadModels([dir]);
  for (const beta of [1, 2]) for (const steps of [100, 20]) await row(dir, loaded, beta, steps);
  loaded.dispose();
}
