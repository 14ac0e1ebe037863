/// <reference types="vite/client" />
// The page's (and the training worker's) TensorFlow.js backend: webgl and wasm are each timed on
// a short piece of the work a DSM step does, and the faster one is kept; cpu if neither starts.
// wasm runs with threads and SIMD when the page is cross-origin isolated (the demo's servers send
// COOP/COEP headers). `?backend=NAME` forces one.

import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export interface BackendInfo {
  name: string;
  /** wasm's thread count (1 without cross-origin isolation); undefined for other backends. */
  threads?: number;
  /** wasm: whether the browser offers SIMD and threads (threads need cross-origin isolation). */
  simd?: boolean;
  threadsSupported?: boolean;
  /** Median ms of the timing piece on each backend that started (the choice's evidence). */
  timings: Record<string, number>;
  /** Why a backend did not start, by name. */
  failures: Record<string, string>;
}

/** A [512, 128]·[128, 128] product and a SiLU, read back: the shape of a training step's work. */
function timePiece(): number {
  const reps: number[] = [];
  const a = tf.randomNormal([512, 128]);
  const w = tf.randomNormal([128, 128]);
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const y = tf.tidy(() => {
      const h = tf.matMul(a, w);
      return tf.matMul(h.mul(tf.sigmoid(h)), w).sum();
    });
    y.dataSync();
    y.dispose();
    if (i >= 2) reps.push(performance.now() - t0); // the first calls compile shaders / warm up
  }
  tf.dispose([a, w]);
  return reps.sort((x, y) => x - y)[Math.floor(reps.length / 2)];
}

async function start(name: string): Promise<string | undefined> {
  try {
    if (!(await tf.setBackend(name))) return 'it did not initialise';
    await tf.ready();
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

/**
 * Picks the faster of webgl and wasm (or `forced`), falling back to cpu. `threads` asks wasm for
 * that many; tfjs caps the pool at half of navigator.hardwareConcurrency whatever is asked.
 */
export async function chooseBackend(forced?: string | null, threads?: number): Promise<BackendInfo> {
  tf.env().set('PROD', true);
  if (threads && threads > 0) setThreadsCount(threads);
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
  const info: BackendInfo = { name: '', timings: {}, failures: {} };
  const candidates = forced ? [forced] : ['webgl', 'wasm'];
  for (const name of candidates) {
    const why = await start(name);
    if (why) info.failures[name] = why;
    else info.timings[name] = timePiece();
  }
  const started = Object.keys(info.timings).sort((a, b) => info.timings[a] - info.timings[b]);
  const best = started[0] ?? 'cpu';
  if (best !== tf.getBackend() && (await start(best))) throw new Error(`no TensorFlow.js backend could be started (${JSON.stringify(info.failures)})`);
  info.name = tf.getBackend();
  if (info.name === 'wasm') {
    info.threads = getThreadsCount();
    info.simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
    info.threadsSupported = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean;
  }
  return info;
}

/** "wasm, 2 threads" / "webgl". */
export function backendText(b: Pick<BackendInfo, 'name' | 'threads' | 'simd'>): string {
  if (b.threads === undefined) return b.name;
  return `${b.name}, ${b.threads} thread${b.threads === 1 ? '' : 's'}${b.simd ? ', SIMD' : ''}`;
}
