import { fkcModel, fkcPlan, drawRow, LEARNED_GMM40 } from '/work/main/scripts/bench/sections/fkcRuns.js';
import { selectBackend } from '/work/main/src/node/backend.js';
import { readFileSync } from 'node:fs';
await selectBackend('wasm');
const scale = JSON.parse(readFileSync(`${LEARNED_GMM40}/model.json`, 'utf8')).userDefinedMetadata.wfr.standardization.scale;
const plan = fkcPlan(false, scale);
for (const [model, rows] of plan.subjects) {
  if (model.startsWith('exact')) continue;
  const loaded = await fkcModel(model);
  for (const row of rows) for (const seed of plan.seeds) await drawRow({ loaded, model, row, n: plan.n, seed, cache: 'out/bench-cache/fkc' });
  loaded.dispose();
}
