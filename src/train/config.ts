// The one typed training configuration, with its documented defaults. The CLI only maps flags
// onto it; a checkpoint stores it, and --resume reads it back from there.

import type { SdeParams } from '../sde.js';
import { DEFAULT_EMBEDDING, type EmbeddingConfig } from '../model/embedding.js';
import type { OutputScale } from '../model/potential.js';

export type LossWeighting = 'sigma2' | 'likelihood';

export interface TrainConfig {
  /** Built-in dataset name, or 'csv' with `dataFile`. */
  dataset: string;
  dataFile?: string;
  /** Forward SDE: vp | subvp | ve, and its parameters (defaults in sde.ts). */
  sde: string;
  sdeParams: SdeParams;
  /** Hidden widths of the SiLU MLP. */
  hidden: number[];
  embedding: EmbeddingConfig;
  /** How the MLP enters U: as is, or divided by σ_t (model/potential.ts). */
  outputScale: OutputScale;
  /** Total optimisation steps (a resumed run continues up to this). */
  steps: number;
  batch: number;
  /** Peak Adam learning rate: linear warm-up, then cosine decay to lr·lrFinalFraction. */
  lr: number;
  warmupSteps: number;
  lrFinalFraction: number;
  /** Step at which the current schedule phase began: 0, or the resume step of a fine-tune
   * that set a new learning rate (the schedule then runs from here to `steps`). */
  phaseStart: number;
  /** Cap of the EMA decay; the decay ramps as min(emaMax, (1+k)/(10+k)). */
  emaMax: number;
  /** DSM weighting λ(t): σ_t² (default) or the likelihood weighting g²(t). */
  weighting: LossWeighting;
  /** μ of the time-score term (design §2); 0 switches it off. */
  timeScoreWeight: number;
  seed: number;
  /** Save a checkpoint every this many steps (and at the end, and on Ctrl-C). */
  checkpointEvery: number;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  dataset: 'eight-gaussians-imbalanced',
  sde: 'vp',
  sdeParams: {},
  hidden: [128, 128, 128],
  embedding: DEFAULT_EMBEDDING,
  outputScale: 'none',
  steps: 6000,
  batch: 1024,
  lr: 2e-3,
  warmupSteps: 200,
  lrFinalFraction: 0.02,
  phaseStart: 0,
  emaMax: 0.999,
  weighting: 'sigma2',
  timeScoreWeight: 0,
  seed: 0,
  checkpointEvery: 1000,
};

/** Learning rate at step k (0-based): warm-up and cosine over [phaseStart, steps). */
export function learningRate(c: TrainConfig, k: number): number {
  const j = k - (c.phaseStart ?? 0);
  const warm = Math.min(1, (j + 1) / Math.max(1, c.warmupSteps));
  const progress = Math.min(1, j / Math.max(1, c.steps - (c.phaseStart ?? 0)));
  const cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
  return c.lr * warm * (c.lrFinalFraction + (1 - c.lrFinalFraction) * cosine);
}

export function emaDecay(c: TrainConfig, k: number): number {
  return Math.min(c.emaMax, (1 + k) / (10 + k));
}

/** Throws an error naming the first out-of-range field. */
export function validateTrainConfig(c: TrainConfig): void {
  const positiveInt = ['steps', 'batch', 'checkpointEvery'] as const;
  for (const k of positiveInt) {
    if (!Number.isInteger(c[k]) || c[k] <= 0) throw new Error(`--${kebab(k)} must be a positive integer, got ${c[k]}`);
  }
  if (!(c.lr > 0 && Number.isFinite(c.lr))) throw new Error(`--lr must be a positive number, got ${c.lr}`);
  if (!(c.lrFinalFraction > 0 && c.lrFinalFraction <= 1)) throw new Error(`--lr-final must be in (0, 1], got ${c.lrFinalFraction}`);
  if (!(c.timeScoreWeight >= 0)) throw new Error(`--time-score-weight must be ≥ 0, got ${c.timeScoreWeight}`);
  if (!(c.emaMax >= 0 && c.emaMax < 1)) throw new Error(`--ema must be in [0, 1), got ${c.emaMax}`);
  if (c.hidden.length === 0 || c.hidden.some((h) => !Number.isInteger(h) || h <= 0)) {
    throw new Error(`--hidden must be positive integers, got ${c.hidden.join(',')}`);
  }
  if (!Number.isInteger(c.seed) || c.seed < 0) throw new Error(`--seed must be a non-negative integer, got ${c.seed}`);
  if (c.outputScale !== 'none' && c.outputScale !== 'sigma') throw new Error(`--output-scale must be none or sigma, got ${c.outputScale}`);
  if (c.weighting !== 'sigma2' && c.weighting !== 'likelihood') {
    throw new Error(`--weighting must be sigma2 or likelihood, got ${c.weighting}`);
  }
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase());
