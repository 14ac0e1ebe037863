// The sampler flags shared by `npm run sample` and `npm run eval --model`, and their mapping
// onto SampleOptions: one definition, so the two commands cannot drift apart.

import { DENSITY_METHODS, type DensityMethod } from '../sampling/density.js';
import { GRID_KINDS, type GridKind } from '../sampling/grid.js';
import { RESAMPLER_NAMES } from '../sampling/resample.js';
import type { SampleOptions } from '../sampling/sample.js';
import { CORRECTORS, SAMPLER_NAMES, SAMPLERS, type Corrector } from '../sampling/samplers.js';
import { DSM_T_OFF, TIME_SCORE_T_OFF } from '../checkpoint.js';

export const DEFAULT_MODEL = 'models/eight-gaussians-imbalanced';

export const SAMPLER_FLAGS = {
  model: { type: 'string', array: true, desc: 'checkpoint directory (repeat for a product of experts)', default: [DEFAULT_MODEL] },
  sampler: { type: 'string', choices: SAMPLER_NAMES, default: 'wfr', desc: SAMPLER_NAMES.map((k) => `${k}: ${SAMPLERS[k].description}`).join('; ') },
  steps: { type: 'number', default: 100, desc: 'time steps from t = 1 to t_min' },
  n: { type: 'number', default: 4000, desc: 'number of particles' },
  seed: { type: 'number', default: 0, desc: 'seed of every random stream' },
  'keep-weights': { type: 'boolean', default: false, desc: 'keep the weights instead of a final resample' },
  beta: { type: 'number', default: 1, desc: 'sample the annealed p^β (drift uses the β-scaled score)' },
  alpha: { type: 'number', default: 20, desc: 'Fisher–Rao reaction rate of wfr' },
  'b-min': { type: 'number', default: 0.1, desc: 'floor of the kernel width of ρ̂ (standardised units)' },
  density: { type: 'string', choices: DENSITY_METHODS, default: 'binned', desc: 'moved-cloud density ρ̂ of wfr: binned O(N) or exact O(N²)' },
  't-off': { type: 'number', desc: `weights act only for t ≥ t-off (default ${TIME_SCORE_T_OFF} for time-score-trained models, ${DSM_T_OFF} otherwise)` },
  't-min': { type: 'number', desc: "where sampling stops (default: the SDE's)" },
  grid: { type: 'string', choices: GRID_KINDS, default: 'uniform', desc: 'time grid' },
  resampler: { type: 'string', choices: RESAMPLER_NAMES, default: 'systematic' },
  'ess-threshold': { type: 'number', default: 0.5, desc: 'resample when ESS < threshold·N' },
  corrector: { type: 'string', choices: CORRECTORS, desc: "override the sampler's corrector" },
  snr: { type: 'number', default: 0.16, desc: 'signal-to-noise ratio of corrector steps' },
} as const;

export interface SamplerArgv {
  sampler: string;
  steps: number;
  n: number;
  seed: number;
  'keep-weights': boolean;
  beta: number;
  alpha: number;
  'b-min': number;
  density: string;
  't-off'?: number;
  't-min'?: number;
  grid: string;
  resampler: string;
  'ess-threshold': number;
  corrector?: string;
  snr: number;
}

export function sampleOptionsFrom(a: SamplerArgv): Omit<SampleOptions, 'potential' | 'sde'> {
  return {
    sampler: a.sampler,
    n: a.n,
    steps: a.steps,
    seed: a.seed,
    tMin: a['t-min'],
    grid: a.grid as GridKind,
    beta: a.beta,
    alpha: a.alpha,
    bMin: a['b-min'],
    density: a.density as DensityMethod,
    tOff: a['t-off'],
    resampler: a.resampler,
    essThreshold: a['ess-threshold'],
    corrector: a.corrector as Corrector | undefined,
    snr: a.snr,
    keepWeights: a['keep-weights'],
  };
}
