// Time to quality, what is run: the datasets, our recipes, the quality bar's sample size, the
// sampler ladder and whether the PyTorch reference runs — the full plan, the quick one, and the
// recipe search.

import type { TrainKnobValues } from '../../../../src/train/config.js';
import { SAMPLERS, type BenchContext } from '../../context.js';
import type { Bar } from './quality.js';

export interface TtqPlan {
  datasets: string[];
  /** Our recipes: label, knob changes from the defaults, steps at which to score the EMA weights. */
  recipes: { label: string; knobs: Partial<TrainKnobValues>; evalAt: number[]; samplers?: boolean; reference?: boolean; weightsReady?: boolean }[];
  torchKnobs: Partial<TrainKnobValues>;
  bar: Omit<Bar, 'floor'>;
  /** Samplers and step counts tried from loaded checkpoints (the recipes flagged `samplers`, and `ladderModels`). */
  ladderSamplers: string[];
  ladder: number[];
  /** Shipped checkpoints to try too: label → path with {dataset}. */
  ladderModels: Record<string, string>;
  torch: boolean;
}

/** Candidate recipes against the quality bar on every built-in mixture and double-well (README: the recipe). */
export function recipeSearchPlan(ctx: BenchContext): TtqPlan {
  if (ctx.quick) return ttqPlan(ctx);
  const small = { hidden: [64, 64, 64], batch: 512 };
  const early = { steps: 6000, timeScoreSteps: 0, timeScoreFrom: 1000, timeScoreWeight: 1, timeScoreReference: 256, stopWhenGood: 500 };
  return {
    datasets: ['eight-gaussians', 'eight-gaussians-imbalanced', 'twenty-five-gaussians', 'double-well'],
    recipes: [
      { label: '3×64, batch 512, 6000 + 5000 steps', knobs: { ...small }, evalAt: [6000] },
      { label: '3×64, batch 512, 3000 + 2500 steps', knobs: { ...small, steps: 3000, timeScoreSteps: 2500 }, evalAt: [3000] },
      // The weights-ready search (docs/speed.md): one phase, the time-score term from step 1000.
      ...[1024, 512, 256].map((batch) => ({ label: `3×128, batch ${batch}, 6000 steps, time-score term μ = 1, R = 256 from step 1000, --stop-when-good 500`, knobs: { hidden: [128, 128, 128], batch, ...early }, evalAt: [], weightsReady: true })),
    ],
    torchKnobs: {},
    bar: { n: 4000, emSteps: 500, seeds: [1, 2, 3] },
    ladderSamplers: [],
    ladder: [],
    ladderModels: {},
    torch: false,
  };
}

export function ttqPlan(ctx: BenchContext): TtqPlan {
  if (ctx.quick) {
    return {
      datasets: ['eight-gaussians-imbalanced'],
      recipes: [{ label: 'tiny', knobs: { hidden: [16, 16], batch: 128, steps: 30, timeScoreSteps: 10 }, evalAt: [30], samplers: true }],
      torchKnobs: {},
      bar: { n: 300, emSteps: 5, seeds: [1] },
      ladderSamplers: SAMPLERS,
      ladder: [5],
      ladderModels: {},
      torch: false,
    };
  }
  return {
    datasets: ['eight-gaussians-imbalanced', 'double-well'],
    // The default recipe (3×128, 6000 + 5000 steps) is not retrained here (~5 min a dataset): its
    // DSM phase is the reference row, its per-step cost the training-speed section's loop, and
    // its shipped checkpoints (models/recipe/) are sampled below.
    recipes: [
      { label: '3×128, batch 1024, 6000 DSM steps (the PyTorch recipe)', knobs: { timeScoreSteps: 0 }, evalAt: [], reference: true },
      // The one line: the default recipe until it is good for the weights (masses at the floor by
      // --stop-when-good, then em at the bar); up to 11 000 steps when it never is.
      { label: 'the default recipe, --stop-when-good 500', knobs: { stopWhenGood: 500 }, evalAt: [], weightsReady: true },
      { label: '3×64, batch 512, 6000 + 5000 steps', knobs: { hidden: [64, 64, 64], batch: 512 }, evalAt: [3000, 6000], samplers: true },
    ],
    torchKnobs: {},
    bar: { n: 4000, emSteps: 500, seeds: [1, 2, 3] },
    // em and wfr: the question is whether few-step weighted sampling beats em at K = 500.
    ladderSamplers: ['em', 'wfr'],
    ladder: [20, 50, 100, 500],
    ladderModels: { 'default recipe (models/recipe/, 3×128)': 'models/recipe/{dataset}-vp' },
    torch: true,
  };
}
