// A small, API-stable speed probe for comparing two commits (scripts/compare-speed.sh): median
// ms of a default DSM training step and of em / fk / wfr sampling steps at N = 4000 (wasm),
// printed as one JSON line.
import { selectBackend } from '../../src/node/backend.js';
import { Trainer } from '../../src/train/trainer.js';
import { DEFAULT_TRAIN_CONFIG } from '../../src/train/config.js';
import { builtinSource } from '../../src/data/source.js';
import { generate, loadModels } from '../../src/node/generate.js';
import { median } from '../../src/stats.js';

await selectBackend('wasm');
const trainer = new Trainer({ ...DEFAULT_TRAIN_CONFIG }, builtinSource(DEFAULT_TRAIN_CONFIG.dataset));
for (let i = 0; i < 5; i++) trainer.trainStep();
const steps: number[] = [];
for (let i = 0; i < 40; i++) {
  const t0 = performance.now();
  trainer.trainStep();
  steps.push(performance.now() - t0);
}
const out: Record<string, number> = { train: median(steps) };
const loaded = await loadModels(['models/eight-gaussians-imbalanced']);
for (const sampler of ['em', 'fk', 'wfr']) {
  const r = await generate(loaded, { sampler, n: 4000, steps: 16, seed: 1, tOff: 0 });
  out[sampler] = median(r.result.msPerStep.slice(1));
}
console.log(JSON.stringify(out));
