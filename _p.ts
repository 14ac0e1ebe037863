import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './src/node/backend.js';
import { builtinSource } from './src/data/source.js';
import { Trainer } from './src/train/trainer.js';
import { DEFAULT_TRAIN_CONFIG } from './src/train/config.js';
await selectBackend('wasm');
const tr = new Trainer({ ...DEFAULT_TRAIN_CONFIG, timeScoreWeight: Number(process.argv[2] ?? 0) }, builtinSource('eight-gaussians-imbalanced'));
for (let i = 0; i < 5; i++) tr.trainStep();
const prof = await tf.profile(() => { for (let i = 0; i < 10; i++) tr.trainStep(); });
const agg: Record<string, { ms: number; n: number }> = {};
for (const k of prof.kernels) { const a = (agg[k.name] ??= { ms: 0, n: 0 }); a.ms += (k.kernelTimeMs as number); a.n++; }
console.log(Object.entries(agg).sort((a, b) => b[1].ms - a[1].ms).slice(0, 14).map(([k, v]) => `${k} ${(v.ms / 10).toFixed(2)}ms ×${v.n / 10}`).join('\n'));
console.log('kernels/step', prof.kernels.length / 10);
const t0 = performance.now(); for (let i = 0; i < 20; i++) tr.trainStep(); console.log('ms/step', ((performance.now() - t0) / 20).toFixed(1));
