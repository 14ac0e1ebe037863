// One process of the wasm-threads bench section (a backend starts once per process): starts wasm
// with the threads asked for, times DSM steps of the default network and em steps of the shipped
// checkpoint, and prints wall and CPU milliseconds per step (CPU counts every thread) as JSON.
import { builtinSource } from '../../src/data/source.js';
import { selectBackend } from '../../src/node/backend.js';
import { generate, loadModels } from '../../src/node/generate.js';
import { trainConfigFrom } from '../../src/train/config.js';
import { Trainer } from '../../src/train/trainer.js';

const [threads, batch, trainSteps, n, sampleSteps] = process.argv.slice(2).map(Number) as [number, number, number, number, number];
await selectBackend('wasm', { threads });
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function timed(steps: number, work: () => void | Promise<unknown>) {
  return async () => {
    const [t0, c0] = [performance.now(), cpuMs()];
    await work();
    return { wall: (performance.now() - t0) / steps, cpu: (cpuMs() - c0) / steps };
  };
}
const trainer = new Trainer(trainConfigFrom({ batch, timeScoreSteps: 0 }), builtinSource('eight-gaussians-imbalanced'));
const loaded = await loadModels(['models/eight-gaussians-imbalanced']);
const trainTime = timed(trainSteps, () => {
  for (let i = 0; i < trainSteps; i++) trainer.trainStep();
});
const sampleTime = timed(sampleSteps, () => generate(loaded, { sampler: 'em', n, steps: sampleSteps, seed: 1 }));
await trainTime(); // warm-up
await sampleTime();
console.log(JSON.stringify({ train: await trainTime(), sample: await sampleTime() }));
trainer.dispose();
loaded.dispose();
