// The TensorFlow.js backend for a page, a Web Worker or a script that imports the browser entry:
// webgl and wasm are each timed on a short piece of the work a DSM step does and the faster one
// is kept; cpu if neither starts. Under a bundler the wasm binaries are not where tfjs looks for
// them (beside its own script, which the bundler moved), and the request silently gets the page's
// HTML; so the caller passes their URLs, or they come from the CDN at the installed version.

import * as tf from '@tensorflow/tfjs';

/** The three wasm binaries by file name, as `setWasmPaths` of @tensorflow/tfjs-backend-wasm takes them. */
export type WasmPaths = string | { 'tfjs-backend-wasm.wasm'?: string; 'tfjs-backend-wasm-simd.wasm'?: string; 'tfjs-backend-wasm-threaded-simd.wasm'?: string };

/** Options of {@link setBackend}. */
export interface BackendOptions {
  /** A backend name to use instead of timing webgl against wasm ('webgl', 'wasm', 'cpu', …). */
  backend?: string | null;
  /** wasm threads to ask for; tfjs caps the pool at half of navigator.hardwareConcurrency. */
  threads?: number;
  /**
   * Where the wasm binaries are: a folder URL ending in '/' or one URL per file (with Vite:
   * `import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'`).
   * Default in a browser: jsDelivr at the installed @tensorflow/tfjs-backend-wasm version; in
   * Node tfjs finds them itself.
   */
  wasmPaths?: WasmPaths;
}

/** The backend {@link setBackend} chose, and the evidence: timings of those that started, why the others did not. */
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
  return reps.sort((x, y) => x - y)[Math.floor(reps.length / 2)]!;
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

/** A browser (page or worker) has a location to resolve URLs against; Node has none. */
const inBrowser = () => typeof (globalThis as { location?: unknown }).location === 'object';

/**
 * Loads the wasm backend (a dynamic import: a page that never asks for wasm does not load it)
 * with its binaries' paths and thread count set before it starts; returns where it looks.
 */
async function prepareWasm(o: BackendOptions): Promise<string> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (o.threads && o.threads > 0) wasm.setThreadsCount(o.threads);
  const paths = o.wasmPaths ?? (inBrowser() ? `https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-backend-wasm@${wasm.version_wasm}/dist/` : undefined);
  if (paths !== undefined) wasm.setWasmPaths(paths);
  return paths === undefined ? 'beside @tensorflow/tfjs-backend-wasm' : typeof paths === 'string' ? paths : Object.values(paths).join(', ');
}

/**
 * Picks the faster of webgl and wasm (or `backend`), falling back to cpu, and says why.
 *
 * @example
 * ```ts
 * import { setBackend } from 'wfr-score';
 * const info = await setBackend();            // or setBackend({ backend: 'wasm', wasmPaths: '/wasm/' })
 * console.log(info.name, info.timings, info.failures);
 * ```
 */
export async function setBackend(o: BackendOptions = {}): Promise<BackendInfo> {
  tf.env().set('PROD', true);
  const info: BackendInfo = { name: '', timings: {}, failures: {} };
  const candidates = o.backend ? [o.backend] : inBrowser() ? ['webgl', 'wasm'] : ['wasm'];
  let wasmWhere = '';
  if (candidates.includes('wasm')) {
    try {
      wasmWhere = await prepareWasm(o);
    } catch (e) {
      info.failures.wasm = `@tensorflow/tfjs-backend-wasm did not load: ${(e as Error).message.split('\n')[0]}`;
    }
  }
  for (const name of candidates) {
    if (info.failures[name]) continue;
    const why = await start(name);
    // A wasm binary that is not where it is looked for fails here, so say where that was.
    if (why) info.failures[name] = name === 'wasm' ? `${why} (binaries looked for at ${wasmWhere}; pass wasmPaths)` : why;
    else info.timings[name] = timePiece();
  }
  const started = Object.keys(info.timings).sort((a, b) => info.timings[a]! - info.timings[b]!);
  const best = started[0] ?? 'cpu';
  if (best !== tf.getBackend() && (await start(best))) throw new Error(`no TensorFlow.js backend could be started (${JSON.stringify(info.failures)})`);
  info.name = tf.getBackend();
  if (info.name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    info.threads = wasm.getThreadsCount();
    info.simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
    info.threadsSupported = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean;
  }
  return info;
}

/**
 * "wasm, 2 threads, SIMD" / "webgl": a backend in words.
 *
 * @example
 * ```ts
 * import { backendText, setBackend } from 'wfr-score';
 * console.log(`backend: ${backendText(await setBackend())}`);
 * ```
 */
export function backendText(b: Pick<BackendInfo, 'name' | 'threads' | 'simd'>): string {
  if (b.threads === undefined) return b.name;
  return `${b.name}, ${b.threads} thread${b.threads === 1 ? '' : 's'}${b.simd ? ', SIMD' : ''}`;
}
