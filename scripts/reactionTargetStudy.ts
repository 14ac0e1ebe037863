// The measurement behind docs/findings.md "The reaction's smoothing bias": wfr with the plain and
// the blurred reaction target on the exact eight-gaussians-imbalanced potential and the shipped
// learned models; mode-weight error and within-mode spread against the exact p^β's.
// Usage: npx tsx scripts/reactionTargetStudy.ts MODEL BETAS STEPS SEEDS [VARIANTS] [N] (lists
// comma-separated; a variant is a reaction target, optionally +PART for wfr's Feynman–Kac part;
// EXTRA='{"alpha":100}' adds sampling settings). One JSON line per run on stdout.

import { DOUBLE_WELL_Y_STD, getDataset } from '../src/data/datasets.js';
import { modeSummary } from '../src/metrics/modes.js';
import { selectBackend } from '../src/node/backend.js';
import { generate, loadModels } from '../src/node/generate.js';

const [model, betas, steps, seeds, variants = 'plain,blurred', nArg] = process.argv.slice(2);
const list = (s: string) => s.split(',').map(Number);
const n = Number(nArg ?? 4000);

/** Mixtures: RMS per-coordinate distance to the assigned mode's mean (the bench's spreadOf); double-well: the std of y. */
function spread(name: string, pts: Float32Array): number {
  const ds = getDataset(name);
  let ss = 0;
  const rows = ds.mixture ? pts.length : pts.length / 2;
  for (let i = 0; i < pts.length / 2; i++) {
    if (ds.mixture) {
      const c = ds.mixture.means[ds.modes!.assign(pts[2 * i], pts[2 * i + 1])];
      ss += (pts[2 * i] - c[0]) ** 2 + (pts[2 * i + 1] - c[1]) ** 2;
    } else ss += pts[2 * i + 1] ** 2;
  }
  return Math.sqrt(ss / rows);
}

const exactSpread = (name: string, beta: number) => {
  const m = getDataset(name).mixture;
  return (m ? m.std : DOUBLE_WELL_Y_STD) / Math.sqrt(beta);
};

await selectBackend('wasm');
const m = await loadModels([model]);
const name = m.base.meta.dataset.name;
for (const beta of list(betas)) {
  for (const k of list(steps)) {
    for (const variant of variants.split(',')) {
      const [target, weights] = variant.split('+') as ['plain' | 'blurred', string | undefined];
      for (const seed of list(seeds)) {
        const t0 = performance.now();
        const g = await generate(m, { sampler: 'wfr', beta, steps: k, n, seed, reactionTarget: target, weights, ...JSON.parse(process.env.EXTRA ?? '{}') });
        const err = modeSummary(g.points, getDataset(name).modes!, undefined, beta).error;
        const row = { model, beta, steps: k, variant, seed, modeError: err, spread: spread(name, g.points), exactSpread: exactSpread(name, beta), seconds: (performance.now() - t0) / 1000 };
        console.log(JSON.stringify(row));
      }
    }
  }
}
m.dispose();
