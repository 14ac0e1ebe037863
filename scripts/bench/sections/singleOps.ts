// Bench section 3: costs of single tfjs operations on wasm that shaped the fused ops and the
// sampler (measured by ../opCosts.ts).

import { log, type BenchContext, type Section } from '../context.js';
import { measureOpCosts } from '../opCosts.js';

export async function singleOps(ctx: BenchContext): Promise<Section> {
  log('== single-op costs (wasm)');
  const ops = measureOpCosts(ctx.quick);
  for (const o of ops) log(`  ${o.what}: ${o.ms.toFixed(2)} ms`);
  const md = ['### Costs of single operations (wasm; median ms, a fresh input per call)', '', '| operation | ms |', '|---|---|', ...ops.map((o) => `| ${o.what} | ${o.ms.toFixed(2)} |`), ''];
  return { md, json: { opCosts: ops } };
}
