/// <reference types="vite/client" />
// The page's (and the training worker's) TensorFlow.js backend: the library's chooser
// (src/backend.ts: webgl against wasm, timed) with the wasm binaries Vite serves from this build,
// so the page needs no network. wasm runs with threads and SIMD when the page is cross-origin
// isolated (the demo's servers send COOP/COEP headers). `?backend=NAME` forces one.

import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { setBackend, type BackendInfo } from '../src/backend.js';

export { backendText, type BackendInfo } from '../src/backend.js';

/** Picks the faster of webgl and wasm (or `forced`), falling back to cpu; `threads` asks wasm for that many. */
export function chooseBackend(forced?: string | null, threads?: number): Promise<BackendInfo> {
  const wasmPaths = { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded };
  return setBackend({ backend: forced, threads, wasmPaths });
}
