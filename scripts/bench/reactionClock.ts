// wfr's reaction clock (--reaction-clock noise | time) on exact potentials under every SDE and on
// the learned recipe checkpoints: mean mode-weight error over seeds 1–4 (N = 4000), for the choice
// of default (docs/math.md §5). Usage: npx tsx scripts/bench/reactionClock.ts [checkpoint …]
import { modeSummary } from '../../src/metrics/modes.js';
import { selectBackend } from '../../src/node/backend.js';
import { generate, loadModels, type LoadedModels } from '../../src/node/generate.js';
await selectBackend('wasm');

const SEEDS = [1, 2, 3, 4];

async function row(label: string, loaded: LoadedModels, beta: number, steps: number): Promise<void> {
  const modes = loaded.dataset!.modes!;
  const cells: string[] = [];
  for (const reactionClock of ['time', 'noise'] as const) {
    let total = 0;
    for (const seed of SEEDS) {
      const g = await generate(loaded, { sampler: 'wfr', steps, n: 4000, seed, beta, reactionClock });
      total += modeSummary(g.points, modes, undefined, beta).error;
    }
    cells.push((total / SEEDS.length).toFixed(3));
  }
  console.log(`| ${label} | ${beta} | ${steps} | ${cells.join(' | ')} |`);
}

console.log('| subject | β | K | mode error, t clock | mode error, noise clock |\n|---|---|---|---|---|');
for (const name of ['eight-gaussians-imbalanced', 'gmm40']) {
  for (const sde of ['vp', 'subvp', 've']) {
    const loaded = await loadModels([`exact:${name}`], { exact: { sde } });
    for (const beta of [2, 3]) for (const steps of [100, 20]) await row(`exact:${name}, ${sde}`, loaded, beta, steps);
    loaded.dispose();
  }
}
for (const dir of process.argv.slice(2)) {
  const loaded = await loadModels([dir]);
  for (const beta of [1, 2]) for (const steps of [100, 20]) await row(dir, loaded, beta, steps);
  loaded.dispose();
}
