// Bench section: time to a good model and to good samples, beside a PyTorch reference
// (scripts/bench/torch_reference.py). "Good": em samples (K = 500, N = 4000, 3 seeds) whose mean
// MMD² and mode-weight error are each within 1.5× the floor (two independent draws of the data
// of the same size) — or, where the reference model itself (PyTorch's 6000-step run, else ours
// on that recipe) does not get there, within 1.25× of the reference's own: "as good as
// theirs", the question the section answers. Our side is the real training loop
// (trainRun: data, step, EMA, progress bar, checkpoints, the final cut-off measurement); the
// torch side is its own script, run only when a python3 with torch is found.
// This file runs the section; its parts are in ttq/: the bar (quality.ts), our runs (ours.ts),
// the torch reference (torch.ts), the sampler ladder (ladder.ts), the plans and the report.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataset } from '../../../src/data/datasets.js';
import { writeFileAtomic } from '../../../src/node/files.js';
import { fmt, log, type BenchContext, type Section } from '../context.js';
import { samplersToGood, type SamplerToGood } from './ttq/ladder.js';
import { runOurs } from './ttq/ours.js';
import { ttqPlan, type TtqPlan } from './ttq/plan.js';
import { floorOf, judge, qualityLimit, type Bar, type Metrics, type RecipeRun } from './ttq/quality.js';
import { report } from './ttq/report.js';
import { runTorch, torchPython, type TorchEm } from './ttq/torch.js';

export { meanMetrics, passes, QUALITY_FACTOR, qualityLimit, REFERENCE_FACTOR } from './ttq/quality.js';
export { recipeSearchPlan, ttqPlan, type TtqPlan } from './ttq/plan.js';

export async function timeToQuality(ctx: BenchContext, plan: TtqPlan = ttqPlan(ctx)): Promise<Section> {
  log(`== time to quality${plan.ladder.length ? '' : ' (recipe search)'}`);
  const py = plan.torch ? torchPython() : undefined;
  const torchNote = !plan.torch
    ? `PyTorch reference: skipped (${ctx.quick ? '--quick' : 'not part of this comparison'}).`
    : py
      ? `PyTorch reference: ${py} (scripts/bench/torch_reference.py).`
      : 'PyTorch reference: skipped — no python3 with torch found (Debian: `apt-get install python3-torch libopenblas0-pthread`; or set TORCH_PYTHON).';
  log(`  ${torchNote}`);
  const runs: RecipeRun[] = [];
  const samplers: SamplerToGood[] = [];
  const torchEm: TorchEm[] = [];
  const floors: Record<string, Metrics> = {};
  const limits: Record<string, Metrics & { reference: string }> = {};
  for (const [i, name] of plan.datasets.entries()) {
    const ds = getDataset(name);
    const bar: Bar = { ...plan.bar, floor: floorOf(ds, plan.bar.n, plan.bar.seeds) };
    floors[name] = bar.floor;
    log(`  ${name}: floor MMD² ${fmt(bar.floor.mmd)}, mode-weight error ${fmt(bar.floor.modeError)}`);
    const dir = mkdtempSync(join(tmpdir(), 'wfr-ttq-'));
    const here: RecipeRun[] = [];
    try {
      const jobs: (() => Promise<void>)[] = plan.recipes.map((r, j) => async () => {
        const run = await runOurs({ dataset: name, recipe: r.label, knobs: r.knobs, evalAt: r.evalAt, dir: join(dir, `ours-${j}`), bar });
        here.push({ ...run, reference: r.reference, weightsReady: r.weightsReady });
        log(`  ${name} ${r.label}: ${run.totalSeconds.toFixed(1)} s`);
      });
      if (py) {
        for (const threads of [1, 0]) {
          jobs.push(async () => {
            const t = runTorch({ py, dataset: name, knobs: plan.torchKnobs, threads, dir, bar });
            here.push({ ...t.run, reference: threads === 1 });
            torchEm.push({ dataset: name, engine: t.run.engine, seconds: t.emSeconds, cpuSeconds: t.emCpuSeconds, matmulMs: t.info.matmulMs });
          });
        }
      }
      // Alternating order across datasets, so drift in the machine's speed does not favour one engine.
      for (const job of i % 2 === 0 ? jobs : [...jobs].reverse()) await job();
      // The reference: PyTorch on one thread when it ran, else our run of its recipe.
      const ref = here.find((r) => r.reference && r.engine.startsWith('PyTorch')) ?? here.find((r) => r.reference);
      const refScore = ref?.checkpoints[ref.checkpoints.length - 1].score;
      const limit = qualityLimit(bar.floor, refScore);
      limits[name] = { ...limit, reference: ref ? `${ref.engine}, ${ref.recipe}` : 'none' };
      for (const r of here) judge(r, limit);
      runs.push(...here);
      const ladder = { ds, plan, bar, limit };
      for (const [label, path] of Object.entries(plan.ladderModels)) samplers.push(...(await samplersToGood({ ...ladder, dir: path.replace('{dataset}', name), model: label })));
      for (const [j, r] of plan.recipes.entries()) if (r.samplers) samplers.push(...(await samplersToGood({ ...ladder, dir: join(dir, `ours-${j}`), model: r.label })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A long section: what is measured so far survives an interrupted run.
    writeFileAtomic(join(ctx.out, 'time-to-quality.partial.md'), report({ plan, runs, samplers, torchEm, floors, limits, torchNote }).join('\n'));
  }
  return { md: report({ plan, runs, samplers, torchEm, floors, limits, torchNote }), json: { timeToQuality: { plan, floors, limits, runs, samplers, torchEm } } };
}
