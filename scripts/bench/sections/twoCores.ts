// Bench section: would a second core pay? wasm in Node is single-threaded, so the only way to a
// second core is a worker thread. This measures the best case of splitting a DSM step's batch
// (or em's particles) in two halves on two workers, each with its own copy of the model,
// against one thread doing the whole: if two halves in parallel are not clearly faster than the
// whole on one thread, the gradient exchange (~37k numbers a step each way) cannot make it pay.

import { Worker } from 'node:worker_threads';
import { builtinSource } from '../../../src/data/source.js';
import { generate, loadModels } from '../../../src/node/generate.js';
import { median } from '../../../src/stats.js';
import { trainConfigFrom } from '../../../src/train/config.js';
import { Trainer } from '../../../src/train/trainer.js';
import { log, type BenchContext, type Section } from '../context.js';

function startWorker(batch: number, seed: number): Promise<Worker> {
  // A worker does not inherit tsx's loader: it registers it, then imports the TypeScript file.
  const file = new URL('../twoCoresWorker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(file)}); });`;
  const w = new Worker(boot, { eval: true, workerData: { batch, seed } });
  return new Promise((resolve, reject) => {
    w.once('message', () => resolve(w));
    w.once('error', reject);
  });
}

const ask = (w: Worker, m: object) =>
  new Promise<number>((resolve) => {
    w.once('message', resolve);
    w.postMessage(m);
  });

export async function twoCores(ctx: BenchContext): Promise<Section> {
  log('== two cores (worker threads)');
  const Q = ctx.quick;
  const [batch, steps, n, k, rounds] = Q ? [128, 2, 400, 2, 1] : [1024, 10, 4000, 20, 5];
  const trainer = new Trainer(trainConfigFrom({ batch, timeScoreSteps: 0 }), builtinSource('eight-gaussians-imbalanced'));
  const loaded = await loadModels(['models/eight-gaussians-imbalanced']);
  const workers = await Promise.all([startWorker(batch / 2, 1), startWorker(batch / 2, 2)]);
  const one = { train: [] as number[], sample: [] as number[] };
  const two = { train: [] as number[], sample: [] as number[] };
  try {
    for (let r = 0; r <= rounds; r++) {
      let t0 = performance.now();
      for (let i = 0; i < steps; i++) trainer.trainStep();
      const a = (performance.now() - t0) / steps;
      t0 = performance.now();
      await Promise.all(workers.map((w) => ask(w, { kind: 'train', count: steps })));
      const b = (performance.now() - t0) / steps;
      t0 = performance.now();
      await generate(loaded, { sampler: 'em', n, steps: k, seed: 1 });
      const c = (performance.now() - t0) / k;
      t0 = performance.now();
      await Promise.all(workers.map((w) => ask(w, { kind: 'sample', count: k, n: n / 2 })));
      const d = (performance.now() - t0) / k;
      if (r === 0) continue; // warm-up
      one.train.push(a);
      two.train.push(b);
      one.sample.push(c);
      two.sample.push(d);
    }
  } finally {
    for (const w of workers) w.postMessage({ kind: 'stop' });
    trainer.dispose();
    loaded.dispose();
  }
  const rows = [
    { what: `DSM step, batch ${batch} (default network)`, one: median(one.train), two: median(two.train) },
    { what: `em step, N = ${n} (shipped checkpoint)`, one: median(one.sample), two: median(two.sample) },
  ];
  for (const r of rows) log(`  ${r.what}: one thread ${r.one.toFixed(1)} ms, two workers on halves ${r.two.toFixed(1)} ms (${(r.one / r.two).toFixed(2)}×)`);
  const md = [
    `### Would a second core pay? (wasm, median ms over ${rounds} alternating rounds)`,
    '',
    'One thread doing the whole step against two worker threads each doing half (their own model copy; no gradient exchange or resampling across halves counted, so this is the best case).',
    '',
    '| work | one thread | two workers, half each | speed-up |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.one.toFixed(1)} | ${r.two.toFixed(1)} | ${(r.one / r.two).toFixed(2)}× |`),
    '',
  ];
  return { md, json: { twoCores: rows } };
}
