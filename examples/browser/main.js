import { evaluate, loadModel, setBackend } from 'wfr-score';
// Vite serves the wasm binaries from this build (without them tfjs would look beside its bundled script).
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

async function main() {
  const backend = await setBackend({ wasmPaths: { 'tfjs-backend-wasm.wasm': wasm, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded } });
  const model = await loadModel('models/eight-gaussians-imbalanced/model.json'); // served from public/
  const samples = await model.sample({ sampler: 'wfr', steps: 50, n: 2000, seed: 1 }); // data units
  const { modes } = evaluate(samples, model, { floors: false });
  document.querySelector('#out').textContent = JSON.stringify({ backend: backend.name, failures: backend.failures, error: modes?.error });
}
main();
