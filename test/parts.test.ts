// The parts registries have one shape ({ description, create(settings) }), 'none' is a registered
// no-op, and what a run needs of its parts is read from the parts, not from their names.
import { afterEach, describe, expect, it } from 'vitest';
import { composeSampler } from '../src/sampling/compose.js';
import { CORRECTORS } from '../src/sampling/correctors/index.js';
import type { Part, Resampler, Weighting } from '../src/sampling/parts.js';
import { PREDICTORS } from '../src/sampling/predictors/index.js';
import { RESAMPLERS } from '../src/sampling/resample.js';
import { resolveSampleSettings, SAMPLE_KNOBS, type SampleSettings } from '../src/sampling/settings.js';
import { WEIGHTINGS } from '../src/sampling/weightings/index.js';

const settings = (o: Partial<SampleSettings> = {}) => resolveSampleSettings(o);
const registries = { PREDICTORS, CORRECTORS, WEIGHTINGS, RESAMPLERS } as Record<string, Record<string, Part<unknown>>>;

describe('the parts registries', () => {
  const saved = { ...RESAMPLERS };
  afterEach(() => Object.assign(RESAMPLERS, saved));

  it('every entry is { description, create(settings) } and its description is in the flag help', () => {
    const help = { PREDICTORS: SAMPLE_KNOBS.predictor.help, CORRECTORS: SAMPLE_KNOBS.corrector.help, WEIGHTINGS: SAMPLE_KNOBS.weights.help, RESAMPLERS: SAMPLE_KNOBS.resampler.help };
    for (const [name, registry] of Object.entries(registries)) {
      for (const [key, part] of Object.entries(registry)) {
        expect(Object.keys(part).sort(), `${name}.${key}`).toEqual(['create', 'description']);
        expect(part.create(settings())).toBeTypeOf('object');
        expect(help[name as keyof typeof help]).toContain(`${key}: ${part.description}`);
      }
    }
  });

  it("'none' is a registered no-op: no corrector move, no weights", () => {
    expect(CORRECTORS.none.create(settings()).move).toBeUndefined();
    const none = WEIGHTINGS.none.create(settings()) as Weighting;
    expect([none.weighted, none.need, none.resampleEveryStep]).toEqual([false, {}, false]);
    expect(composeSampler(settings({ sampler: 'em' })).weighted).toBe(false);
    // wfr's default Feynman–Kac part is none: the reaction alone still weighs.
    expect(composeSampler(settings({ sampler: 'wfr' })).weighted).toBe(true);
    expect(composeSampler(settings({ sampler: 'em', corrector: 'wfr' })).weighted).toBe(true);
  });

  it('mismatched parts are errors whose lists come from the registries', () => {
    expect(() => composeSampler(settings({ sampler: 'em', weights: 'continuous' }))).toThrow('--weights applies to the weighted samplers (fk, wfr), not em');
    expect(() => composeSampler(settings({ sampler: 'fk', weights: 'none' }))).toThrow('--weights none leaves fk without weights');
    expect(() => composeSampler(settings({ sampler: 'wfr', predictor: 'heun' }))).toThrow('wfr needs a stochastic predictor (em or tempered), not heun');
    expect(() => composeSampler(settings({ sampler: 'fk', resampler: 'birth-death' }))).toThrow(/birth-death is the jump form of the reaction/);
    expect(() => composeSampler(settings({ sampler: 'wfr', resampler: 'birth-death' }))).not.toThrow();
  });

  it("a resampler's precondition is read from the part, not from its name", () => {
    const strict: Part<Resampler> = { description: 'test', create: () => ({ resample: (w) => new Int32Array(w.length), perStepOnly: 'needs per-step weights' }) };
    expect(() => composeSampler(settings({ sampler: 'fk', resampler: 'stratified' }))).not.toThrow();
    RESAMPLERS.stratified = strict;
    expect(() => composeSampler(settings({ sampler: 'fk', resampler: 'stratified' }))).toThrow('--resampler stratified needs per-step weights: use it with wfr');
    expect(() => composeSampler(settings({ sampler: 'wfr', resampler: 'stratified' }))).not.toThrow();
  });

  it('fk alone at β ≠ 1 is warned about once, by the composition', () => {
    expect(composeSampler(settings({ sampler: 'fk', beta: 2 })).warnings).toEqual([expect.stringMatching(/^fk alone at β ≠ 1 tends to collapse/)]);
    expect(composeSampler(settings({ sampler: 'fk', beta: 1 })).warnings).toEqual([]);
    expect(composeSampler(settings({ sampler: 'wfr', beta: 2 })).warnings).toEqual([]);
  });
});
