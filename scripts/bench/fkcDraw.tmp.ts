import { fkcModel, fkcPlan, drawRow, LEARNED_GMM40 } from '/work/main/scripts/bench/sections/fkcRuns.js';
import { selectBackend } from '/work/main/src/node/backend.js';
import { readFileSync } from 'node:fs';
await selectBackend('wasm');
const scale = JSON.parse(readFileSync(`${LEARNED_GMM40}/model.json`, 'utf8')).userDefinedMetadata.wfr.standardization.scale;
const plan = fkcPlan(false, scale);
const only = process.argv[2];
for (const [model, rows] of plan.subjects) {
  if (only && !model.includes(only)) continue;
  const loaded = await fkcModel(model);
  // cheap rows first so that partial results exist early
  const sorted = [...rows].sort((a, b) => a.steps - b.steps);
  for (const row of sorted) for (const seed of plan.seeds) await drawRow({ loaded, model, row, n: plan.n, seed, cache: 'out/bench-cache/fkc' });
  loaded.dispose();
}
