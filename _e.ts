import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './src/node/backend.js';
import { builtinSource } from './src/data/source.js';
import { getDataset } from './src/data/datasets.js';
import { unstandardize } from './src/data/standardize.js';
import { makeSde } from './src/sde.js';
import { ExactPotential, standardizeMixture } from './src/model/exact.js';
import { sample } from './src/sampling/sample.js';
import { modeWeights, modeWeightError, annealedModeWeights } from './src/metrics/modes.js';
await selectBackend('wasm');
const name = 'eight-gaussians-imbalanced';
const ds = getDataset(name); const src = builtinSource(name); const sde = makeSde('vp');
const mix = standardizeMixture(ds.mixture!, src.standardization);
const pot = new ExactPotential(mix, sde);
const biased = new ExactPotential({ ...mix, weights: mix.weights.map(() => 1 / 8) }, sde);
const [sampler, steps, beta, n, useBiased] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4] ?? 1), Number(process.argv[5] ?? 2000), process.argv[6] === 'biased'];
const errs = [];
const t0 = performance.now();
for (const seed of (process.env.SEEDS ?? '1,2,3').split(',').map(Number)) {
  const r = await sample({ potential: pot, drift: useBiased ? biased : undefined, sde, sampler, n, steps, seed, beta, alpha: Number(process.env.ALPHA ?? 20), density: (process.env.DENSITY ?? 'binned') as any });
  const w = modeWeights(unstandardize(r.points, src.standardization), ds.modes!);
  errs.push(modeWeightError(w, annealedModeWeights(ds.modes!.weights, beta)));
  if (seed === 1) console.log('gSpread (first, mid, last)', r.trace.gSpread[0]?.toExponential(2), r.trace.gSpread[Math.floor(steps/2)]?.toExponential(2), r.trace.gSpread[steps-1]?.toExponential(2), 'resamples', r.resampleCount, 'minESS', Math.min(...r.trace.ess).toFixed(0), 'anc', r.distinctAncestors);
}
console.log(sampler, steps, 'beta', beta, useBiased ? 'biased' : '', 'err', errs.map(e => e.toFixed(3)).join(' '), 'mean', (errs.reduce((a, b) => a + b) / errs.length).toFixed(3), 'ms', ((performance.now() - t0) / 3).toFixed(0), 'tensors', tf.memory().numTensors);
