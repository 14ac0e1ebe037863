// wasm threads in Node. tfjs-backend-wasm's threaded build works in Node except for two things
// made for browsers: its pthread worker script is handed over as a `blob:` URL (Node's
// worker_threads want a file), and its thread-support probe says no in Node. This puts the worker
// script in a file, points the workers at emscripten's own loader, and lets `threads` stand
// (tfjs caps its pool at half the logical cores, reading hyperthreads into them; here the user
// asked for a number). Only for threads > 1: one thread stays the plain build, bit for bit.

import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const THREADED_LOADER = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';

/** The worker script as a file (content-addressed in the temp folder, written atomically once). */
function workerFile(text: string, loader: string): string {
  // The worker loads the module from a Blob in browsers; in Node, from emscripten's loader file.
  const shim = `URL.createObjectURL=()=>${JSON.stringify(loader)};URL.revokeObjectURL=()=>{};`;
  const body = text.startsWith('"use strict";') ? `"use strict";${shim}${text.slice(13)}` : shim + text;
  const file = join(os.tmpdir(), `wfr-score-wasm-worker-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.cjs`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, body);
    renameSync(tmp, file);
  }
  return file;
}

/**
 * Prepares the wasm backend's threaded build for `threads` threads in Node; call before
 * tf.setBackend('wasm'), and the returned function right after it starts (it undoes the patches).
 */
export function prepareNodeWasmThreads(threads: number): () => void {
  const loader = createRequire(import.meta.url).resolve(THREADED_LOADER);
  const RealBlob = globalThis.Blob;
  const realCreate = URL.createObjectURL;
  const realCpus = os.cpus;
  const texts = new WeakMap<Blob, string>();
  // tfjs builds the worker's Blob from a string and asks for its URL at once; remember the text.
  globalThis.Blob = class extends RealBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      if (parts?.every((p) => typeof p === 'string')) texts.set(this, parts.join(''));
    }
  };
  URL.createObjectURL = (blob: Blob) => {
    const text = texts.get(blob);
    return text?.includes('worker_threads') ? workerFile(text, loader) : realCreate(blob);
  };
  // emscripten reads the core count from os.cpus(); tfjs allows half of it.
  const cpus = realCpus();
  os.cpus = () => Array.from({ length: Math.max(cpus.length, 2 * threads) }, (_, i) => cpus[i % cpus.length]!);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  return () => {
    globalThis.Blob = RealBlob;
    URL.createObjectURL = realCreate;
    os.cpus = realCpus;
  };
}

interface PThreads {
  runningWorkers?: { unref?: () => void }[];
  unusedWorkers?: { unref?: () => void }[];
}

/** The pool's threads wait for work forever; unreferenced, they do not keep Node from exiting. */
export function unrefWasmWorkers(): void {
  const pthread = (tf.backend() as unknown as { wasm?: { PThread?: PThreads } }).wasm?.PThread;
  for (const w of [...(pthread?.runningWorkers ?? []), ...(pthread?.unusedWorkers ?? [])]) w.unref?.();
}
