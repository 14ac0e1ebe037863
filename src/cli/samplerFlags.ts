// The sampler flags shared by `npm run sample` and `npm run eval --model`, derived from the
// sampling knob table (sampling/settings.ts), and their mapping back onto sample settings.

import { validateKnobs, type Knobs } from '../config/knobs.js';
import type { ExactModelOptions } from '../model/exactModel.js';
import type { GuidanceFlags } from '../node/generate.js';
import { resolveFrame } from '../node/frame.js';
import type { SdeParams } from '../sde.js';
import { TRAIN_KNOBS } from '../train/config.js';
import { checkSampleLimits } from '../config/limits.js';
import { SAMPLE_KNOBS, type SampleSettings } from '../sampling/settings.js';
import { parseNumber, valuesFromArgv, yargsOptions } from './flags.js';
import { UsageError } from './common.js';
import { checkExponents } from '../sampling/product.js';
import { checkGuidance, GUIDANCE_KNOBS } from '../sampling/guidanceKnobs.js';

export const DEFAULT_MODEL = 'models/eight-gaussians-imbalanced';

/**
 * How an `exact:NAME` model is noised and in which coordinates: the training knobs that fix
 * this for a checkpoint, without their defaults (they apply to exact models only).
 */
const EXACT_KNOBS: Knobs = Object.fromEntries(
  (['sde', 'betaMin', 'betaMax', 'sigmaMin', 'sigmaMax', 'frame'] as const).map((f) => {
    const k = TRAIN_KNOBS[f];
    const dflt = 'default' in k ? `; default ${k.default}` : '';
    return [f, { ...k, default: undefined, help: `for exact:NAME models: ${k.help}${dflt}` }];
  }),
);

export const SAMPLER_FLAGS = {
  model: {
    type: 'string',
    array: true,
    desc: 'checkpoint directory (repeat for a product of experts), or exact:NAME for the exact potential of a built-in mixture (see --sde, --frame)',
    default: [DEFAULT_MODEL],
  },
  lambda: { type: 'string', desc: 'exponents λᵢ of the --model factors, comma-separated, one per model: the product ∏pᵢ^λᵢ, U = ΣλᵢUᵢ (default all 1)' },
  class: {
    type: 'string',
    desc: 'sample one class of a class-conditional --model (trained with --conditional, or exact:NAME, whose class k is component k; there a comma-separated set of components is a class too)',
  },
  guidance: { type: 'number', desc: GUIDANCE_KNOBS.guidance.help.replace(/the class/, '--class').replace('with a class', 'with --class') },
  ...yargsOptions(SAMPLE_KNOBS),
  ...yargsOptions(EXACT_KNOBS),
} as const;

/** --class and --guidance as the guided target (undefined without --class); --guidance alone is an error. */
export function guidanceFrom(argv: { class?: string; guidance?: number }): GuidanceFlags | undefined {
  if (Array.isArray(argv.class) || Array.isArray(argv.guidance)) throw new UsageError('--class and --guidance take one value each');
  if (argv.class === undefined) {
    if (argv.guidance !== undefined) throw new UsageError('--guidance weighs a class: give --class too');
    return undefined;
  }
  const w = argv.guidance ?? GUIDANCE_KNOBS.guidance.default;
  try {
    checkGuidance(w);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { class: String(argv.class), w };
}

/** The SDE and frame of exact:NAME models from --sde, --beta-min … --frame (frame: data, standard, a file, a checkpoint or inline JSON). */
export function exactOptionsFrom(argv: Record<string, unknown>): ExactModelOptions {
  const v = valuesFromArgv(EXACT_KNOBS, argv);
  validateKnobs(EXACT_KNOBS, v);
  const sdeParams: SdeParams = Object.fromEntries((['betaMin', 'betaMax', 'sigmaMin', 'sigmaMax'] as const).filter((k) => v[k] !== undefined).map((k) => [k, v[k] as number]));
  return {
    sde: v.sde as string | undefined,
    sdeParams: Object.keys(sdeParams).length ? sdeParams : undefined,
    frame: v.frame === undefined ? undefined : resolveFrame(v.frame as string),
  };
}

/** The sample settings the user typed or defaulted, validated (a bad value names its flag). */
export function sampleSettingsFrom(argv: Record<string, unknown>): Partial<SampleSettings> {
  const v = valuesFromArgv(SAMPLE_KNOBS, argv);
  validateKnobs(SAMPLE_KNOBS, v);
  checkSampleLimits(v);
  return v as Partial<SampleSettings>;
}

/** --lambda as numbers, one per --model (undefined: all 1); finite, non-zero, summing to > 0 (sampling/product.ts). */
export function lambdasFrom(argv: { lambda?: string; model: readonly string[] }): number[] | undefined {
  if (argv.lambda === undefined) return undefined;
  if (Array.isArray(argv.lambda)) throw new UsageError('--lambda was given more than once: give one comma-separated list');
  const parts = String(argv.lambda).split(',');
  const values = parts.map(parseNumber);
  const bad = parts.findIndex((_, i) => !(Number.isFinite(values[i]) && values[i] !== 0));
  if (bad >= 0) throw new UsageError(`--lambda: '${parts[bad]}' is not a finite number ≠ 0`);
  if (values.length !== argv.model.length) throw new UsageError(`--lambda gives ${values.length} exponents for ${argv.model.length} --model checkpoints: give one per model`);
  try {
    checkExponents(values);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return values;
}
