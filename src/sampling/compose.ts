// A run's parts: the sampler's own (samplers.ts), overridden by --predictor, --corrector,
// --weights and --resampler, each built from the settings by its registry entry. Whether the run
// is weighted and what the parts need of each other are read from the parts, so a new part
// needs no line here.

import { flag, pieces, SettingsError } from '../config/settingsError.js';
import { CORRECTORS } from './correctors/index.js';
import type { Corrector, Predictor, Resampler, Weighting } from './parts.js';
import { PREDICTORS } from './predictors/index.js';
import { RESAMPLERS } from './resample.js';
import { getSampler, SAMPLER_NAMES, SAMPLERS, type SamplerSpec } from './samplers.js';
import type { SampleSettings } from './settings.js';
import { WEIGHTINGS } from './weightings/index.js';
import { withReaction } from './weightings/reaction.js';

export interface Composition {
  spec: SamplerSpec;
  predictor: Predictor;
  corrector: Corrector;
  /** The Feynman–Kac part, wrapped in the reaction when the sampler has one. */
  weighting: Weighting;
  resampler: Resampler;
  /** Whether the run carries weights: its weighting or its corrector adds log-weights. */
  weighted: boolean;
  /** Whether a Fisher–Rao reaction acts (wfr, or the wfr corrector): the parts that read α. */
  reacts: boolean;
  /** What a user should know before the run (sample() also returns them with the run's own). */
  warnings: string[];
}

/** A sampler's weighting with Feynman–Kac part `name`: wrapped in the reaction when the sampler has it. */
const weightingOf = (spec: SamplerSpec, name: string, s: SampleSettings): Weighting => {
  const fk = WEIGHTINGS[name].create(s);
  return spec.reaction ? withReaction(fk, s) : fk;
};

function chosenWeighting(spec: SamplerSpec, s: SampleSettings): Weighting {
  const own = weightingOf(spec, spec.weights, s);
  if (s.weights === undefined) return own;
  if (!own.weighted) {
    const weighted = SAMPLER_NAMES.filter((k) => weightingOf(SAMPLERS[k], SAMPLERS[k].weights, s).weighted);
    throw new SettingsError(pieces`${flag('weights')} applies to the weighted samplers (${weighted.join(', ')}), not ${s.sampler}`);
  }
  const chosen = weightingOf(spec, s.weights, s);
  if (!chosen.weighted) throw new SettingsError(pieces`${flag('weights')} ${s.weights} leaves ${s.sampler} without weights: use em, or wfr for the reaction alone`);
  return chosen;
}

/** The parts of a run with settings `s` (every default filled in); throws when they do not fit together. */
export function composeSampler(s: SampleSettings): Composition {
  const spec = getSampler(s.sampler);
  const predictorName = s.predictor ?? spec.predictor;
  const predictor = PREDICTORS[predictorName].create(s);
  const corrector = CORRECTORS[s.corrector ?? spec.corrector].create(s);
  const weighting = chosenWeighting(spec, s);
  if (weighting.needsNoise && !predictor.stochastic) {
    const stochastic = Object.keys(PREDICTORS).filter((k) => PREDICTORS[k].create(s).stochastic);
    throw new Error(`${s.sampler} needs a stochastic predictor (${stochastic.join(' or ')}), not ${predictorName}`);
  }
  const resampler = RESAMPLERS[s.resampler].create(s);
  if (resampler.perStepOnly && !weighting.resampleEveryStep && !corrector.weighted) {
    // Such a scheme is exact only for the small per-step log-weights of a reaction; an
    // ESS-threshold resampling of fk's accumulated weights would give a heavy particle ~2 copies, not N·w̄.
    throw new SettingsError(pieces`${flag('resampler')} ${s.resampler} ${resampler.perStepOnly}: use it with wfr (α > 0) or ${flag('corrector')} wfr, not ${s.sampler}${s.alpha === 0 ? ' at α = 0' : ''}`);
  }
  const warnings =
    weighting.weighted && !spec.reaction && s.beta !== 1
      ? [`${s.sampler} alone at β ≠ 1 tends to collapse onto a few ancestors (its weights have nothing to rebalance them between resamplings): wfr is the sampler for annealed targets`]
      : [];
  const reacts = spec.reaction || (s.corrector ?? spec.corrector) === 'wfr';
  return { spec, predictor, corrector, weighting, resampler, weighted: weighting.weighted || corrector.weighted, reacts, warnings };
}
