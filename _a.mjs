import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
await tf.setBackend(process.argv[2]); await tf.ready();
const a = tf.randomNormal([1024,128]);
let t0 = performance.now(); for (let i=0;i<20;i++) { tf.tidy(() => { tf.add(a,a).dataSync(); }); } console.log('tidy add dataSync void', ((performance.now()-t0)/20).toFixed(2));
t0 = performance.now(); for (let i=0;i<20;i++) { tf.tidy(() => tf.add(a,a).dataSync()); } console.log('tidy returning typed array', ((performance.now()-t0)/20).toFixed(2));
