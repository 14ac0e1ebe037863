// Which step count the demo should open with: the mode-weight error of em and wfr on the demo's
// default checkpoint at the page's N, over a few seeds and step counts. The page's default is
// the largest K at which wfr's advantage over em is still plain to see (numbers in README).
import { selectBackend } from '../src/node/backend.js';
import { loadModel } from '../src/node/checkpointFiles.js';
import { defaultTOff } from '../src/sampling/cutoff.js';
import { getDataset } from '../src/data/datasets.js';
import { unstandardize } from '../src/data/standardize.js';
import { modeSummary } from '../src/metrics/modes.js';
import { sample } from '../src/sampling/sample.js';

await selectBackend('wasm');
const name = process.argv[2] ?? 'eight-gaussians-imbalanced';
const n = Number(process.argv[3] ?? 1500);
const m = await loadModel(`models/${name}`);
const modes = getDataset(m.meta.dataset.name).modes!;
const tOff = defaultTOff([m.meta], m.sde);
console.log(`| K | em | wfr | wfr/em |  (${name}, N = ${n}, seeds 0–4, mean mode-weight error)`);
console.log('|---|---|---|---|');
for (const steps of [5, 10, 20, 40]) {
  const err: Record<string, number[]> = { em: [], wfr: [] };
  for (const seed of [0, 1, 2, 3, 4]) {
    for (const sampler of ['em', 'wfr']) {
      const r = await sample({ potential: m.potential, sde: m.sde, sampler, steps, n, seed, tOff, keepWeights: true });
      err[sampler].push(modeSummary(unstandardize(r.points, m.meta.standardization), modes, r.weights).error);
    }
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  console.log(`| ${steps} | ${mean(err.em).toFixed(3)} | ${mean(err.wfr).toFixed(3)} | ${(mean(err.wfr) / mean(err.em)).toFixed(2)} |`);
}
