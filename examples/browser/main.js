import { evaluate, loadModel, setBackend } from 'wfr-score';
// Vite serves the wasm binaries from this build (without them tfjs would look beside its bundled script).
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

const wasmPaths = { 'tfjs-backend-wasm.wasm': wasm, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded };
const show = (result) => (document.querySelector('#out').textContent = JSON.stringify(result));

async function main() {
  const backend = await setBackend({ wasmPaths });
  const model = await loadModel('models/eight-gaussians-imbalanced/model.json'); // served from public/
  const samples = await model.sample({ sampler: 'wfr', steps: 50, n: 2000, seed: 1 }); // data units
  const { modes } = evaluate(samples, model, { floors: false });
  const result = { backend: backend.name, failures: backend.failures, error: modes?.error };
  show(result);
  // A model of your own, trained in a Web Worker, then sampled here.
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const losses = [];
  worker.onmessage = async ({ data }) => {
    if (data.progress) return losses.push(data.progress.loss);
    const { modelJson, weightsName, weights } = data.checkpoint;
    const mine = await loadModel([new File([modelJson], 'model.json'), new File([weights], weightsName)]);
    const points = (await mine.sample({ steps: 20, n: 500, seed: 2 })).points;
    show({ ...result, worker: { losses, sampled: points.length / 2, finite: points.every(Number.isFinite) } });
    worker.terminate();
  };
  worker.postMessage({ wasmPaths, options: { dataset: 'eight-gaussians', steps: 300, timeScoreSteps: 0, batch: 256, seed: 1 } });
}
main();
