import { selectBackend } from './src/node/backend.js';
import { loadModel } from './src/node/checkpointFiles.js';
import { getDataset } from './src/data/datasets.js';
import { massErrors } from './src/metrics/potentialMasses.js';
import { ExactPotential, standardizeMixture } from './src/model/exact.js';
await selectBackend('wasm');
for (const dir of process.argv.slice(2)) {
  const m = await loadModel(dir);
  const ds = getDataset(m.meta.dataset.name);
  console.log(dir, massErrors(m.potential, ds, m.sde, m.meta.standardization).map(r => `t=${r.t}: ${r.error.toFixed(3)}`).join('  '));
  if (ds.mixture) console.log(' exact', massErrors(new ExactPotential(standardizeMixture(ds.mixture, m.meta.standardization), m.sde), ds, m.sde, m.meta.standardization).map(r => r.error.toFixed(3)).join(' '));
}
