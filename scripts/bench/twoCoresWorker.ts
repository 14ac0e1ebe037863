// Worker of the two-core measurement (sections/twoCores.ts): on 'train' it runs DSM steps on its
// own half batch, on 'sample' an em run on its own share of the particles; replies with the ms.

import { parentPort, workerData } from 'node:worker_threads';
import { builtinSource } from '../../src/data/source.js';
import { selectBackend } from '../../src/node/backend.js';
import { generate, loadModels } from '../../src/node/generate.js';
import { trainConfigFrom } from '../../src/train/config.js';
import { Trainer } from '../../src/train/trainer.js';

await selectBackend('wasm');
const { batch, seed } = workerData as { batch: number; seed: number };
const trainer = new Trainer(trainConfigFrom({ batch, seed, timeScoreSteps: 0 }), builtinSource('eight-gaussians-imbalanced'));
const loaded = await loadModels(['models/eight-gaussians-imbalanced']);
parentPort!.on('message', async (m: { kind: 'train' | 'sample' | 'stop'; count: number; n?: number }) => {
  if (m.kind === 'stop') {
    trainer.dispose();
    loaded.dispose();
    process.exit(0);
  }
  const t0 = performance.now();
  if (m.kind === 'train') for (let i = 0; i < m.count; i++) trainer.trainStep();
  else await generate(loaded, { sampler: 'em', n: m.n!, steps: m.count, seed });
  parentPort!.postMessage(performance.now() - t0);
});
parentPort!.postMessage('ready');
