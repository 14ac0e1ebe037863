// Which step count the demo should open with: mode-weight error and MMD² (against a fresh draw of
// the data: what the eye sees, particles on the modes or between them) of em and wfr on the demo's
// default checkpoint at the page's N, over 5 seeds and a few step counts (numbers in README).
import { selectBackend } from '../src/node/backend.js';
import { loadModel } from '../src/node/checkpointFiles.js';
import { defaultTOff } from '../src/sampling/cutoff.js';
import { getDataset } from '../src/data/datasets.js';
import { unstandardize } from '../src/data/standardize.js';
import { modeSummary } from '../src/metrics/modes.js';
import { sample } from '../src/sampling/sample.js';
import { mmd2 } from '../src/metrics/distances.js';
import { Rng } from '../src/rng.js';

await selectBackend('wasm');
const name = process.argv[2] ?? 'eight-gaussians-imbalanced';
const n = Number(process.argv[3] ?? 1500);
const m = await loadModel(`models/${name}`);
const modes = getDataset(m.meta.dataset.name).modes!;
const tOff = defaultTOff([m.meta], m.sde);
const data = getDataset(m.meta.dataset.name).sample(new Rng(7, 'demo-defaults'), 2000);
console.log(`${name}, N = ${n}, seeds 0–4, means: mode-weight error and MMD² against 2000 data points`);
console.log('| K | em error | wfr error | em MMD² | wfr MMD² | MMD² wfr/em |');
console.log('|---|---|---|---|---|---|');
for (const steps of [5, 10, 20, 40]) {
  const err: Record<string, number[]> = { em: [], wfr: [] };
  const dist: Record<string, number[]> = { em: [], wfr: [] };
  for (const seed of [0, 1, 2, 3, 4]) {
    for (const sampler of ['em', 'wfr']) {
      const r = await sample({ potential: m.potential, sde: m.sde, sampler, steps, n, seed, tOff, keepWeights: true });
      const points = unstandardize(r.points, m.meta.standardization);
      err[sampler].push(modeSummary(points, modes, r.weights).error);
      dist[sampler].push(mmd2({ points, weights: r.weights }, { points: data }));
    }
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const [de, dw] = [mean(dist.em), mean(dist.wfr)];
  console.log(`| ${steps} | ${mean(err.em).toFixed(3)} | ${mean(err.wfr).toFixed(3)} | ${de.toExponential(2)} | ${dw.toExponential(2)} | ${(dw / de).toFixed(2)} |`);
}
