// wasm's threaded build in Node (src/node/wasmThreads.ts): asked for 2 threads it starts with 2
// (tfjs alone gives 1 here: its worker is a blob: URL and it caps the pool at half the cores),
// and a threaded matMul equals the exact product computed in float64.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
function probe(threads: number): { threads: number; product: number[] } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/support/threadsProbe.ts'), String(threads)], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`probe failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

function exactProduct(): number[] {
  const out: number[] = [];
  for (let i = 0; i < 256; i++) {
    for (let j = 0; j < 32; j++) {
      let s = 0;
      for (let k = 0; k < 64; k++) s += Math.fround(Math.sin(i * 64 + k)) * Math.fround(Math.cos(k * 32 + j));
      out.push(s);
    }
  }
  return out;
}

describe('wasm threads in Node', () => {
  it('starts the threaded build with the threads asked for, and computes the same product', () => {
    const exact = exactProduct();
    for (const threads of [1, 2]) {
      const got = probe(threads);
      expect(got.threads).toBe(threads);
      const worst = Math.max(...got.product.map((v, i) => Math.abs(v - exact[i]!)));
      expect(worst, `${threads} threads`).toBeLessThan(1e-4);
    }
  }, 240_000);
});
