// Run by test/wasmThreads.test.ts in its own process (a backend starts once per process):
// starts wasm with the threads asked for and prints the count it got and a matMul's result.
import * as tf from '@tensorflow/tfjs';
import { selectBackend, wasmThreads } from '../../src/node/backend.js';

const threads = Number(process.argv[2]);
await selectBackend('wasm', { threads });
const a = tf.tensor2d(Array.from({ length: 256 * 64 }, (_, i) => Math.sin(i)), [256, 64]);
const b = tf.tensor2d(Array.from({ length: 64 * 32 }, (_, i) => Math.cos(i)), [64, 32]);
const product = Array.from(tf.matMul(a, b).dataSync());
console.log(JSON.stringify({ threads: await wasmThreads(), product }));
