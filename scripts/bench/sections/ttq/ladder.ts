// Time to quality from a loaded checkpoint: for each sampler, the smallest step count K of a
// ladder whose samples pass the bar, with the wall-clock and CPU seconds of loading plus sampling.

import type { Dataset } from '../../../../src/data/datasets.js';
import { generate, loadModels } from '../../../../src/node/generate.js';
import { median } from '../../../../src/stats.js';
import { fmt, log } from '../../context.js';
import { cpuSeconds } from './ours.js';
import type { TtqPlan } from './plan.js';
import { meanMetrics, metrics, passes, type Bar, type Metrics, type Score } from './quality.js';

export interface SamplerToGood {
  dataset: string;
  /** Which checkpoint: a recipe of this section or a shipped one. */
  model: string;
  sampler: string;
  /** Smallest K of the ladder that passes (or the largest tried, when none does: score.pass tells). */
  steps?: number;
  /** Median over seeds of the wall-clock from loading the checkpoint to the samples, at that K, and the CPU seconds. */
  seconds?: number;
  cpuSeconds?: number;
  score?: Score;
}

/** For each sampler, the smallest K of the ladder whose samples (from the loaded checkpoint) pass. */
export async function samplersToGood(o: { dir: string; model: string; ds: Dataset; plan: TtqPlan; bar: Bar; limit: Metrics }): Promise<SamplerToGood[]> {
  const { dir, ds, bar, limit } = o;
  const out: SamplerToGood[] = [];
  for (const sampler of o.plan.ladderSamplers) {
    let found: SamplerToGood = { dataset: ds.name, model: o.model, sampler };
    for (const k of o.plan.ladder) {
      const perSeed = [];
      const secs = [];
      const cpus = [];
      for (const seed of bar.seeds) {
        const t0 = performance.now();
        const c0 = cpuSeconds();
        const m = await loadModels([dir]);
        const g = await generate(m, { sampler, n: bar.n, steps: k, seed });
        secs.push((performance.now() - t0) / 1000);
        cpus.push(cpuSeconds() - c0);
        m.dispose();
        perSeed.push(metrics(g.points, ds, 100 + seed));
      }
      const m = meanMetrics(perSeed);
      const s = { ...m, pass: passes(m, limit) };
      log(`  ${ds.name} ${o.model} ${sampler} K=${k}: MMD² ${fmt(s.mmd)}, mode error ${fmt(s.modeError)}${s.pass ? ' (good)' : ''}, ${median(secs).toFixed(2)} s`);
      found = { dataset: ds.name, model: o.model, sampler, steps: k, seconds: median(secs), cpuSeconds: median(cpus), score: s };
      if (s.pass) break;
    }
    out.push(found);
  }
  return out;
}
