// Bench section 2: sampling cost per step on the shipped eight-gaussians-imbalanced checkpoint
// as N grows (wasm), on the other backends at small N, with the exact ρ̂, peak memory at large N
// (each density in a fresh process) and the matMul floor of a step.

import { execFileSync } from 'node:child_process';
import { selectBackend } from '../../../src/node/backend.js';
import { generate, loadModels } from '../../../src/node/generate.js';
import { median } from '../../../src/stats.js';
import type { SampleSettings } from '../../../src/sampling/settings.js';
import { log, MODEL_8, type BenchContext, type Section } from '../context.js';

/** What is timed: each sampler at its defaults, and the other Feynman–Kac parts of fk and wfr. */
const COSTED: Record<string, Partial<SampleSettings>> = {
  em: { sampler: 'em' },
  pc: { sampler: 'pc' },
  fk: { sampler: 'fk' },
  'fk, discrete weights': { sampler: 'fk', weights: 'discrete' },
  wfr: { sampler: 'wfr' },
  'wfr + discrete FK part': { sampler: 'wfr', weights: 'discrete' },
  'wfr + continuous FK part': { sampler: 'wfr', weights: 'continuous' },
};
const SAMPLERS = Object.keys(COSTED);
import { matMulMs } from '../opCosts.js';

type Loaded = Awaited<ReturnType<typeof loadModels>>;
interface Memory {
  density: string;
  peakRssMB: number;
  wasmHeapMB: number;
  tensorGrowth: number;
}

/** Median ms per step of each sampler at each N on wasm. */
async function costByN(loaded8: Loaded, Ns: number[], Q: boolean): Promise<Record<string, Record<number, number>>> {
  // Samplers alternate within each round, so drift in the machine's speed hits all alike; the
  // median runs over every step of every round.
  const cost: Record<string, Record<number, number>> = Object.fromEntries(SAMPLERS.map((s) => [s, {}]));
  for (const n of Ns) {
    const times: Record<string, number[]> = Object.fromEntries(SAMPLERS.map((s) => [s, []]));
    for (let round = 0; round < (Q ? 1 : 3); round++) {
      for (const s of SAMPLERS) {
        const r = await generate(loaded8, { ...COSTED[s], n, steps: Q ? 2 : n > 4000 ? 8 : 16, seed: 1, tOff: 0 });
        times[s].push(...r.result.msPerStep.slice(1));
      }
    }
    for (const s of SAMPLERS) {
      cost[s][n] = median(times[s]);
      log(`  ${s} N=${n}: ${cost[s][n].toFixed(1)} ms/step`);
    }
  }
  return cost;
}

/** The same on the other backends, smaller (cpu is ~25× slower): one round. */
async function otherBackends(loaded8: Loaded, nOther: number, Q: boolean): Promise<{ backend: string; ms: Record<string, number> }[]> {
  const otherCost: { backend: string; ms: Record<string, number> }[] = [];
  for (const backend of ['tensorflow', 'cpu']) {
    try {
      await selectBackend(backend);
    } catch {
      continue;
    }
    const ms: Record<string, number> = {};
    for (const s of SAMPLERS) {
      const r = await generate(loaded8, { ...COSTED[s], n: nOther, steps: Q ? 2 : 5, seed: 1, tOff: 0 });
      ms[s] = median(r.result.msPerStep.slice(1));
    }
    otherCost.push({ backend, ms });
    log(`  ${backend} N=${nOther}: ${SAMPLERS.map((s) => `${s} ${ms[s].toFixed(1)}`).join(', ')} ms/step`);
  }
  await selectBackend('wasm');
  return otherCost;
}

/** Peak RSS, wasm heap and live tensors across a short wfr run, in a fresh process (memory.ts). */
function memoryAt(bigN: number): Memory[] {
  return (['binned', 'exact'] as const).map((density) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/memory.ts', String(bigN), density], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop()!) as Memory;
  });
}

export async function samplingCost(ctx: BenchContext): Promise<Section> {
  log('== sampling cost');
  const Q = ctx.quick;
  const loaded8 = await loadModels([MODEL_8]);
  const Ns = Q ? [500] : [1000, 4000, 16000];
  const cost = await costByN(loaded8, Ns, Q);
  const n4 = Q ? 500 : 4000;
  const nOther = Q ? 200 : 1000;
  const otherCost = await otherBackends(loaded8, nOther, Q);
  const exactDensity = await generate(loaded8, { sampler: 'wfr', n: n4, steps: 2, seed: 1, tOff: 0, density: 'exact' });
  const exactMs = median(exactDensity.result.msPerStep);
  const bigN = Q ? 2000 : 20000;
  const memory = memoryAt(bigN);
  // Arithmetic per step in [N, w]·[w, w] products per hidden w×w layer: em 2 (forward, backward
  // for ∇ₓU); continuous Feynman–Kac weights 4 (two x-tangents on top, for ΔU).
  const hiddenProducts = loaded8.base.meta.hidden.length - 1;
  const mmN = matMulMs(n4, loaded8.base.meta.hidden[0]);
  loaded8.dispose();
  const nRef = Ns[Math.min(1, Ns.length - 1)];
  const md = [
    `### Sampling cost (shipped eight-gaussians-imbalanced checkpoint, wasm; median ms per step)`,
    '',
    `| sampler | ${Ns.map((n) => `N = ${n}`).join(' | ')} | × em at N = ${nRef} |`,
    `|---|${Ns.map(() => '---|').join('')}---|`,
    ...SAMPLERS.map((s) => `| ${s} | ${Ns.map((n) => cost[s][n].toFixed(1)).join(' | ')} | ${(cost[s][nRef] / cost.em[nRef]).toFixed(2)} |`),
    '',
    ...otherCost.map(
      (o) => `${o.backend} backend, N = ${nOther}: ` + SAMPLERS.map((s) => `${s} ${o.ms[s].toFixed(0)} ms (${(o.ms[s] / o.ms.em).toFixed(2)}× em)`).join(', ') + '.',
    ),
    ...(otherCost.length ? [''] : []),
    `wfr with the exact O(N²) ρ̂ instead of the binned one: ${exactMs.toFixed(0)} ms/step at N = ${n4} ` +
      `(${(exactMs / cost.wfr[n4]).toFixed(1)}× the binned). wfr at N = ${bigN}, 4 steps, each in a fresh process: ` +
      memory.map((m) => `${m.density} ρ̂ peak RSS ${m.peakRssMB.toFixed(0)} MB (wasm heap ${m.wasmHeapMB.toFixed(0)} MB), tensor count change ${m.tensorGrowth}`).join('; ') +
      '.',
    '',
    `Arithmetic floor at N = ${n4}: one [${n4}, w]·[w, w] product takes ${mmN.toFixed(2)} ms; em needs ${2 * hiddenProducts} per step ` +
      `(${(2 * hiddenProducts * mmN).toFixed(1)} ms: forward and ∇ₓU's backward pass), and so do the discrete weights and wfr's reaction, which need only U; ` +
      `the continuous Feynman–Kac rate needs ${4 * hiddenProducts} (${(4 * hiddenProducts * mmN).toFixed(1)} ms: two x-tangents on top, for ΔU), so exact ΔU doubles the arithmetic of a step.`,
    '',
  ];
  return { md, json: { sampling: { msPerStep: cost, otherBackends: otherCost, wfrExactDensityMs: exactMs, bigN, memory, matMulMs: mmN, hiddenProducts } } };
}
