// Flags typed for a part the run does not have are errors, not silently ignored: each sampling
// knob that only some samplers read is listed with the parts that read it (derived from the
// sampler's composition in sampling/samplers.ts), and so are the SDE parameters of exact:NAME
// models and the training data flags. A flag left at its default is never an error.

import { composeSampler } from '../sampling/compose.js';
import { getSampler, type SamplerSpec } from '../sampling/samplers.js';
import { MAX_SEED, resolveSampleSettings, SAMPLE_KNOBS, type SampleSettings } from '../sampling/settings.js';
import { UsageError } from './common.js';
import { isVarianceExploding, SDES } from '../sde.js';

type Reads = (spec: SamplerSpec, s: Partial<SampleSettings>) => boolean;

const corrector = (spec: SamplerSpec, s: Partial<SampleSettings>) => s.corrector ?? spec.corrector;
// Weightedness is the composed parts' own (a weighting or a corrector that adds log-weights).
const weighted: Reads = (_spec, s) => composeSampler(resolveSampleSettings(s)).weighted;
const reaction: Reads = (_spec, s) => composeSampler(resolveSampleSettings(s)).reacts;

/** Knob → [who reads it, in words; the test]. */
const READ_BY: Partial<Record<keyof SampleSettings, [string, Reads]>> = {
  keepWeights: ['the weighted samplers (fk, wfr)', weighted],
  tOff: ['the weighted samplers (fk, wfr)', weighted],
  resampler: ['the weighted samplers (fk, wfr)', weighted],
  essThreshold: ['fk (wfr resamples every step)', (spec, s) => weighted(spec, s) && !reaction(spec, s)],
  alpha: ["wfr's reaction (or --corrector wfr)", reaction],
  bMin: ["wfr's reaction (or --corrector wfr)", reaction],
  bMinRule: ["wfr's reaction (or --corrector wfr)", reaction],
  density: ["wfr's reaction (or --corrector wfr)", reaction],
  selfKernel: ["wfr's reaction (or --corrector wfr)", reaction],
  reactionTarget: ["wfr's reaction", (spec) => spec.reaction],
  reactionClock: ["wfr's reaction", (spec) => spec.reaction],
  snr: ['a Langevin or MALA corrector (pc, or --corrector langevin or mala)', (spec, s) => ['langevin', 'mala'].includes(corrector(spec, s))],
};

const dashed = (f: string) => f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Throws naming the first typed sampling flag the chosen sampler does not read. */
export function checkSamplerFlagsUsed(settings: Partial<SampleSettings>, typed: ReadonlySet<string>): void {
  const name = settings.sampler ?? 'wfr';
  const spec = getSampler(name);
  for (const [field, [who, reads]] of Object.entries(READ_BY) as [string, [string, Reads]][]) {
    if (typed.has(field) && !reads(spec, settings)) {
      throw new UsageError(`--${dashed(field)} is read only by ${who}, not by --sampler ${name}${settings.corrector ? ` with --corrector ${settings.corrector}` : ''}: leave it out or choose a sampler that uses it`);
    }
  }
}

/** --beta-min/--beta-max parameterise VP and sub-VP, --sigma-min/--sigma-max VE: the others are refused. */
export function checkSdeFlagsUsed(sde: string | undefined, typed: ReadonlySet<string>): void {
  const name = sde ?? 'vp';
  if (!(name in SDES)) return; // an unknown SDE is refused by its own check, naming the choices
  const ve = isVarianceExploding(name);
  const given = (ve ? ['betaMin', 'betaMax'] : ['sigmaMin', 'sigmaMax']).find((f) => typed.has(f));
  if (given) throw new UsageError(`--${dashed(given)} is a parameter of ${ve ? 'the variance-preserving SDEs' : 'the variance-exploding SDEs'}, not of ${name}${sde ? '' : ' (the default; choose --sde)'}`);
}

/** With --samples nothing is sampled: sampler flags (but --beta, the target's power) would be ignored. */
export function checkSamplesFileFlags(typed: ReadonlySet<string>): void {
  const unread = Object.keys(SAMPLE_KNOBS).find((f) => f !== 'beta' && typed.has(f));
  if (unread) throw new UsageError(`--${dashed(unread)} sets how --model is sampled; a --samples file is scored as it is`);
}

/** --reference-seed is a 32-bit seed like --seed (yargs reads 'abc' as NaN). */
export function checkReferenceSeed(seed: number): void {
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) {
    throw new UsageError(`--reference-seed must be an integer in [0, ${MAX_SEED}], got ${Number.isNaN(seed) ? 'not a number' : seed}`);
  }
}
