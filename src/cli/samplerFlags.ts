// The sampler flags shared by `npm run sample` and `npm run eval --model`, derived from the
// sampling knob table (sampling/settings.ts), and their mapping back onto sample settings.

import { validateKnobs } from '../config/knobs.js';
import { checkSampleLimits } from '../config/limits.js';
import { SAMPLE_KNOBS, type SampleSettings } from '../sampling/settings.js';
import { valuesFromArgv, yargsOptions } from './flags.js';

export const DEFAULT_MODEL = 'models/eight-gaussians-imbalanced';

export const SAMPLER_FLAGS = {
  model: { type: 'string', array: true, desc: 'checkpoint directory (repeat for a product of experts)', default: [DEFAULT_MODEL] },
  ...yargsOptions(SAMPLE_KNOBS),
} as const;

/** The sample settings the user typed or defaulted, validated (a bad value names its flag). */
export function sampleSettingsFrom(argv: Record<string, unknown>): Partial<SampleSettings> {
  const v = valuesFromArgv(SAMPLE_KNOBS, argv);
  validateKnobs(SAMPLE_KNOBS, v);
  checkSampleLimits(v);
  return v as Partial<SampleSettings>;
}
