import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './src/node/backend.js';
import { loadModel } from './src/node/checkpointFiles.js';
import { sample } from './src/sampling/sample.js';
await selectBackend('wasm');
const m = await loadModel('/tmp/prof-model');
const x = tf.randomNormal([4000, 2]) as tf.Tensor2D;
for (const need of [{}, { lap: true, dt: true }]) {
  for (let i = 0; i < 2; i++) tf.tidy(() => { m.potential.evaluate(x, 0.5, need).u.dataSync(); });
  const t0 = performance.now(); for (let i = 0; i < 5; i++) tf.tidy(() => { m.potential.evaluate(x, 0.5, need).u.dataSync(); }); console.log('evaluate', JSON.stringify(need), ((performance.now() - t0) / 5).toFixed(1), 'ms');
}
const prof = await tf.profile(async () => { await sample({ potential: m.potential, sde: m.sde, sampler: process.argv[2] ?? 'wfr', n: 4000, steps: 5, seed: 1 }); });
const agg: Record<string, { ms: number; n: number }> = {};
for (const k of prof.kernels) { const a = (agg[k.name] ??= { ms: 0, n: 0 }); a.ms += (k.kernelTimeMs as number); a.n++; }
console.log(Object.entries(agg).sort((a, b) => b[1].ms - a[1].ms).slice(0, 12).map(([k, v]) => `${k} ${(v.ms / 5).toFixed(2)}ms ×${v.n / 5}`).join('\n'));
const t0 = performance.now(); const r = await sample({ potential: m.potential, sde: m.sde, sampler: process.argv[2] ?? 'wfr', n: 4000, steps: 10, seed: 1 }); console.log('total ms/step', ((performance.now() - t0) / 10).toFixed(1), 'median', r.msPerStep.sort((a,b)=>a-b)[5].toFixed(1));
