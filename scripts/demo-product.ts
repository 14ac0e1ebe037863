// Which product example the demo should open: mode-weight error of em (summed scores) and wfr on
// a product of shipped models, at the page's N, 5 seeds, a few step counts and β — the settings
// where the weights visibly matter (numbers in docs/demo.md).
// npx tsx scripts/demo-product.ts compose/blobs-x compose/blobs-y [N] [β,…]
import { selectBackend } from '../src/node/backend.js';
import { generate, loadModels } from '../src/node/generate.js';
import { modeSummary } from '../src/metrics/modes.js';

await selectBackend('wasm');
const [a, b] = [process.argv[2] ?? 'compose/blobs-x', process.argv[3] ?? 'compose/blobs-y'];
const n = Number(process.argv[4] ?? 1500);
const betas = (process.argv[5] ?? '1,2').split(',').map(Number);
const stepList = (process.argv[6] ?? '10,20,40,100').split(',').map(Number);
const loaded = await loadModels([`models/${a}`, `models/${b}`]);
const modes = loaded.dataset!.modes!;
console.log(`${a} × ${b}, N = ${n}, seeds 0–4, means of the mode-weight error against the exact product^β`);
console.log('| β | K | em | wfr | em, min–max over seeds | wfr, min–max |');
console.log('|---|---|---|---|---|---|');
for (const beta of betas) {
  for (const steps of stepList) {
    const err: Record<string, number[]> = { em: [], wfr: [] };
    for (const seed of [0, 1, 2, 3, 4]) {
      for (const sampler of ['em', 'wfr']) {
        const g = await generate(loaded, { sampler, steps, n, seed, beta, keepWeights: true });
        err[sampler].push(modeSummary(g.points, modes, g.result.weights, beta * loaded.targetPower).error);
      }
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const range = (v: number[]) => `${Math.min(...v).toFixed(3)}–${Math.max(...v).toFixed(3)}`;
    console.log(`| ${beta} | ${steps} | ${mean(err.em).toFixed(3)} | ${mean(err.wfr).toFixed(3)} | ${range(err.em)} | ${range(err.wfr)} |`);
  }
}
loaded.dispose();
