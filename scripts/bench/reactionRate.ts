// wfr's reaction rate α and kernel-floor rule on learned checkpoints: mean mode-weight error at
// K = 20 and 100 (N = 4000, seeds 1–3), for the choice of defaults (docs/limitations.md).
// Usage: npx tsx scripts/bench/reactionRate.ts models/eight-gaussians-imbalanced models/double-well …
import { loadModel } from '../../src/node/index.js';
import { evaluate } from '../../src/api/evaluate.js';
import { selectBackend } from '../../src/node/backend.js';
await selectBackend('wasm');
const models = process.argv.slice(2);
const cfgs: [string, { bMinRule?: 'fixed' | 'fisher'; alpha?: number }][] = [
  ['fixed, α = 20', { bMinRule: 'fixed' }],
  ['fisher, α = 20', { bMinRule: 'fisher' }],
  ['fisher, α = 60', { bMinRule: 'fisher', alpha: 60 }],
  ['fixed, α = 60', { bMinRule: 'fixed', alpha: 60 }],
];
for (const dir of models) {
  const model = await loadModel(dir);
  for (const steps of [20, 100]) {
    for (const [label, extra] of cfgs) {
      const errs: number[] = [];
      let floor = 0;
      for (const seed of [1, 2, 3]) {
        const s = await model.sample({ sampler: 'wfr', steps, n: 4000, seed, ...extra });
        const e = evaluate(s, model, { floors: seed === 1 });
        errs.push(e.modes!.error);
        if (seed === 1) floor = e.rows.find((r) => /mode/.test(r.metric))?.floor ?? NaN;
      }
      const m = errs.reduce((a, b) => a + b) / errs.length;
      console.log(`${dir} K=${steps} ${label}: ${m.toFixed(4)} (${errs.map((x) => x.toFixed(3)).join(', ')}) floor ${floor}`);
    }
  }
}
