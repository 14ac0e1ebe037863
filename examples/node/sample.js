import { evaluate, loadModel, setBackend } from 'wfr-score/node';

await setBackend(); // tfjs-node when installed, else wasm
// The checkpoint shipped in the package; any checkpoint directory or model.json path works.
const model = await loadModel(import.meta.resolve('wfr-score/models/eight-gaussians-imbalanced/model.json'));
const samples = await model.sample({ sampler: 'wfr', steps: 50, n: 2000, seed: 1 }); // data units
const { modes } = evaluate(samples, model, { floors: false });
console.log(`first point (${samples.points[0]}, ${samples.points[1]}); weights act for t ≥ ${samples.tOff}`);
console.log(`mode-weight error Σ|ŵ−π| = ${modes?.error.toFixed(4)} (masses ${modes?.estimated.map((w) => w.toFixed(3)).join(' ')})`);
model.dispose();
