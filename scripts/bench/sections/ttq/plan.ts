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
  return {
    datasets: ['eight-gaussians', 'eight-gaussians-imbalanced', 'twenty-five-gaussians', 'double-well'],
    // The weights-ready search (docs/speed.md): the default recipe (one phase, the time-score term
    // from step 1000, stopping when good) at other batch sizes and a narrower network.
    recipes: [
      ...[1024, 512, 256].map((batch) => ({ label: `3×128, batch ${batch}, the default recipe`, knobs: { batch }, evalAt: [], weightsReady: true })),
      { label: '3×64, batch 512, the default recipe', knobs: { hidden: [64, 64, 64], batch: 512 }, evalAt: [], weightsReady: true },
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
    recipes: [
      // PyTorch's recipe on our side: DSM alone with t features, all 6000 steps.
      { label: '3×128, batch 1024, 6000 DSM steps (the PyTorch recipe)', knobs: { timeScoreFrom: 6000, stopWhenGood: 0, embedTime: 't' }, evalAt: [], reference: true },
      // The one line: the default recipe as `npm run train` runs it, until it is good for the
      // weights (masses at the floor by --stop-when-good, then em at the bar).
      { label: 'the default recipe (stops when good)', knobs: {}, evalAt: [], weightsReady: true },
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
