// A trained checkpoint against the weights-ready bar of the recipe search (docs/speed.md): em
// samples (K = 500, N = 4000, seeds 1–3) within 1.5× the floor on MMD² and mode-weight error, as
// the time-to-quality section judges them, beside the mode-mass errors its cut-off measurement
// stored. Usage: npx tsx scripts/bench/recipeBar.ts DIR... (one line per checkpoint).

import { getDataset } from '../../src/data/datasets.js';
import { selectBackend } from '../../src/node/backend.js';
import { generate, loadModels } from '../../src/node/generate.js';
import { floorOf, meanMetrics, metrics, passes, qualityLimit } from './sections/ttq/quality.js';

const BAR = { n: 4000, emSteps: 500, seeds: [1, 2, 3] };

await selectBackend('wasm');
for (const dir of process.argv.slice(2)) {
  const m = await loadModels([dir]);
  const meta = m.base.meta;
  const ds = getDataset(meta.dataset.name);
  const limit = qualityLimit(floorOf(ds, BAR.n, BAR.seeds));
  const perSeed = [];
  for (const seed of BAR.seeds) perSeed.push(metrics((await generate(m, { sampler: 'em', n: BAR.n, steps: BAR.emSteps, seed })).points, ds, 100 + seed));
  m.dispose();
  const s = meanMetrics(perSeed);
  const masses = (meta.cutoff?.masses ?? []).map((x) => `${x.noise}:${x.error.toFixed(3)}`).join(' ');
  const stop = meta.training.stoppedWhenGood ? `stopped at ${meta.training.stoppedWhenGood.step}` : `ran to ${meta.training.step}`;
  console.log(
    `${dir}: ${ds.name}, ${stop}; em K=${BAR.emSteps}: MMD² ${(s.mmd / (limit.mmd / 1.5)).toFixed(2)}× floor, mode error ${(s.modeError / (limit.modeError / 1.5)).toFixed(2)}× floor → ${passes(s, limit) ? 'good' : 'NOT good'}; cut-off ν ${meta.cutoff?.noise} (mass errors ${masses})`,
  );
}
