// The knob tables and what derives from them: knobs.ts's range words, problems and argv
// parsing; the training table against the flags `npm run train` really builds; the mapping
// between flat knob values and the nested TrainConfig (defaults, round trip, resume rules).
import { describe, expect, it } from 'vitest';
import { flagOf, knobDefaults, knobProblem, rangeText, validateKnobs, type Knob } from '../src/config/knobs.js';
import { parseNumber, valuesFromArgv } from '../src/cli/flags.js';
import { TRAIN_COMMAND_KNOBS, trainOptions, trainParser } from '../src/cli/trainFlags.js';
import { SAMPLER_FLAGS, sampleSettingsFrom } from '../src/cli/samplerFlags.js';
import { RESAMPLERS } from '../src/sampling/resample.js';
import { SAMPLERS } from '../src/sampling/samplers.js';
import { resolveSampleSettings, SAMPLE_KNOBS } from '../src/sampling/settings.js';
import { WEIGHTINGS } from '../src/sampling/weightings/index.js';
import { learningRate, phaseAt } from '../src/train/schedule.js';
import { makeMeta } from '../src/checkpointSchema.js';
import { DEFAULT_TRAIN_CONFIG, RESUMABLE, resumedConfig, TRAIN_KNOBS, trainConfigFrom, trainKnobValues, validateTrainConfig, type TrainConfig, type TrainKnobValues } from '../src/train/config.js';

const num = (o: Partial<Knob>): Knob => ({ kind: 'number', help: '', ...o });

/** The recipe before one phase was the default: 6000 DSM steps, then 5000 with the term at μ = 0.1 (single-sample target). */
const TWO_PHASE = trainConfigFrom({ timeScoreSteps: 5000, timeScoreFrom: 6000, timeScoreWeight: 0.1, timeScoreReference: 0, stopWhenGood: 0 });

describe('knobs.ts', () => {
  it('rangeText says inclusive and exclusive bounds', () => {
    expect(rangeText(num({ min: 0 }))).toBe('≥ 0');
    expect(rangeText(num({ gt: 0 }))).toBe('> 0');
    expect(rangeText(num({ max: 1 }))).toBe('≤ 1');
    expect(rangeText(num({ lt: 1 }))).toBe('< 1');
    expect(rangeText(num({ gt: 0, max: 1 }))).toBe('in (0, 1]');
    expect(rangeText(num({ min: 0, lt: 1 }))).toBe('in [0, 1)');
    expect(rangeText(num({}))).toBe('');
  });

  it('knobProblem: numbers (NaN, each kind of bound)', () => {
    expect(knobProblem(num({ min: 0 }), NaN)).toBe('must be a finite number ≥ 0, got NaN');
    expect(knobProblem(num({}), Infinity)).toMatch(/finite number, got Infinity/);
    expect(knobProblem(num({ min: 0 }), -1)).toMatch(/≥ 0, got -1/);
    expect(knobProblem(num({ min: 0 }), 0)).toBeUndefined();
    expect(knobProblem(num({ gt: 0 }), 0)).toBe('must be a finite number > 0, got 0');
    expect(knobProblem(num({ gt: 0 }), 1e-9)).toBeUndefined();
    expect(knobProblem(num({ max: 1 }), 1.5)).toMatch(/≤ 1, got 1.5/);
    expect(knobProblem(num({ max: 1 }), 1)).toBeUndefined();
    expect(knobProblem(num({ lt: 1 }), 1)).toMatch(/< 1, got 1/);
    expect(knobProblem(num({ lt: 1 }), 0.999)).toBeUndefined();
    expect(knobProblem(num({}), '3')).toMatch(/got 3/); // a string is not a number
    expect(knobProblem(num({}), undefined)).toBeUndefined(); // "decided elsewhere"
  });

  it('knobProblem: integers, strings with choices, booleans, integer lists', () => {
    const int: Knob = { kind: 'integer', min: 1, help: '' };
    expect(knobProblem(int, 2.5)).toBe('must be an integer ≥ 1, got 2.5');
    expect(knobProblem(int, 0)).toMatch(/≥ 1, got 0/);
    expect(knobProblem(int, 3)).toBeUndefined();
    const str: Knob = { kind: 'string', choices: ['a', 'b'], help: '' };
    expect(knobProblem(str, 'c')).toBe("must be one of a, b, got 'c'");
    expect(knobProblem(str, 'b')).toBeUndefined();
    expect(knobProblem({ kind: 'string', help: '' }, 3)).toMatch(/must be a string/);
    expect(knobProblem({ kind: 'boolean', help: '' }, 'yes')).toMatch(/true or false/);
    expect(knobProblem({ kind: 'boolean', help: '' }, false)).toBeUndefined();
    const list: Knob = { kind: 'integers', min: 1, help: '' };
    expect(knobProblem(list, [64, NaN])).toBe('must be a comma-separated list of integers ≥ 1, got 64,NaN');
    expect(knobProblem(list, [64, 0])).toMatch(/got 64,0/);
    expect(knobProblem(list, [])).toMatch(/list of integers/);
    expect(knobProblem(list, [64, 32])).toBeUndefined();
  });

  it('validateKnobs names the flag, kebab-case or custom', () => {
    const knobs = { stepCount: { kind: 'integer', min: 1, help: '' }, n: { kind: 'integer', min: 1, flag: 'particles', help: '' } } as const;
    expect(() => validateKnobs(knobs, { stepCount: 0 })).toThrow('--step-count must be an integer ≥ 1, got 0');
    expect(() => validateKnobs(knobs, { n: -1 })).toThrow('--particles must be');
    expect(() => validateKnobs(knobs, { stepCount: 2, n: 3 })).not.toThrow();
  });

  it('knobDefaults copies list defaults, so callers cannot change the table', () => {
    const d = knobDefaults(TRAIN_KNOBS);
    (d.hidden as number[]).push(1);
    expect(TRAIN_KNOBS.hidden.default).toEqual([128, 128, 128]);
  });

  it('parseNumber takes plain decimals and exponents only', () => {
    for (const s of ['', ' ', '0x10', '1,5', '1e', 'abc', '1_000', 'Infinity']) expect(parseNumber(s), s).toBeNaN();
    expect(parseNumber('2e-3')).toBe(0.002);
    expect(parseNumber('-2.5')).toBe(-2.5);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('7.')).toBe(7);
  });

  it('valuesFromArgv: numbers parsed by us, lists split, a repeated flag is an error naming it', () => {
    const knobs = { freqMax: { kind: 'number', help: '' }, hidden: { kind: 'integers', help: '' }, sde: { kind: 'string', help: '' } } as const;
    expect(valuesFromArgv(knobs, { 'freq-max': '0x10', hidden: '8,x', sde: 've' })).toEqual({ freqMax: NaN, hidden: [8, NaN], sde: 've' });
    expect(valuesFromArgv(knobs, { 'freq-max': 3 })).toEqual({ freqMax: 3 });
    expect(() => valuesFromArgv(knobs, { 'freq-max': ['1', '2'] })).toThrow('--freq-max was given 2 times; give it once');
  });
});

describe('TRAIN_KNOBS and npm run train', () => {
  const commandOnly = Object.keys(TRAIN_COMMAND_KNOBS);

  it('every knob has a flag and every flag (but the command’s own) a knob', () => {
    const flags = Object.keys(trainOptions());
    const knobFlags = Object.keys(TRAIN_KNOBS).map((f) => flagOf(TRAIN_KNOBS, f));
    expect(flags.filter((f) => !commandOnly.includes(f)).sort()).toEqual([...knobFlags].sort());
    for (const f of commandOnly) expect(flags).toContain(f);
  });

  it('the parser the CLI builds gives every knob its default, and parses typed values', () => {
    const argv = trainParser(['--steps', '5', '--hidden', '8,8']).parseSync();
    for (const [field, k] of Object.entries(TRAIN_KNOBS)) if ('default' in k) expect(argv[flagOf(TRAIN_KNOBS, field)], field).toBeDefined();
    const values = valuesFromArgv(TRAIN_KNOBS, argv);
    // --steps 5 ends the DSM phase before the term's step 1000: DSM alone, no term, no phase.
    const { timeScorePhase: _p, timeScoreFrom: _f, ...rest } = DEFAULT_TRAIN_CONFIG;
    expect(trainConfigFrom(values)).toEqual({ ...rest, steps: 5, hidden: [8, 8] });
  });

  it('enumerated knobs are yargs choices', () => {
    const o = trainOptions();
    expect(o.sde.choices).toEqual(['vp', 'subvp', 've', 've0']);
    expect(o.dataset.choices).toContain('double-well');
    expect(o.backend.choices).toEqual(['auto', 'tensorflow', 'wasm', 'cpu']);
  });

  it('no knob renames its flag (the resume check maps typed flags to fields by camelCase)', () => {
    for (const [field, k] of Object.entries(TRAIN_KNOBS)) expect((k as Knob).flag, field).toBeUndefined();
  });

  it('every default is valid, and the defaults are the documented ones', () => {
    expect(() => validateKnobs(TRAIN_KNOBS, knobDefaults(TRAIN_KNOBS))).not.toThrow();
    expect(DEFAULT_TRAIN_CONFIG).toEqual({
      dataset: 'eight-gaussians-imbalanced',
      sde: 'vp',
      sdeParams: {},
      hidden: [128, 128, 128],
      embedding: { features: 16, freqMin: 0.5, freqMax: 64, time: 'log-noise' },
      outputScale: 'none',
      steps: 6000, // one phase: DSM, with the time-score term from step 1000
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
      timeScorePhase: { start: 6000, lr: 2e-4, lrFinalFraction: 0.05, weight: 1, reference: 256 },
      timeScoreFrom: 1000,
      stopWhenGood: 500,
    });
  });

  it('a checkpoint from before these defaults keeps its meaning when read back and resumed', () => {
    // The old default recipe: t embedding, a 5000-step phase at μ = 0.1, no stopping, no early term.
    const { timeScoreFrom: _f, stopWhenGood: _s, ...rest } = trainConfigFrom({ embedTime: 't', timeScoreSteps: 5000, timeScoreFrom: 6000, timeScoreWeight: 0.1, timeScoreReference: 0 });
    const old = rest as TrainConfig;
    expect(old.embedding.time).toBeUndefined();
    expect(trainKnobValues(old).values).toMatchObject({ embedTime: 't', timeScoreFrom: Number.MAX_SAFE_INTEGER, stopWhenGood: 0, timeScoreReference: 0, timeScoreWeight: 0.1 });
    const resumed = resumedConfig(old, { timeScoreSteps: 6000 }, 11000);
    expect(resumed.embedding).toEqual(old.embedding);
    expect(resumed.timeScorePhase).toEqual(old.timeScorePhase);
    expect(resumed.timeScoreFrom).toBeUndefined();
    expect(resumed.stopWhenGood).toBe(0);
    // Resumed in its DSM phase with a longer one: still no early term.
    const longer = resumedConfig(old, { steps: 8000 }, 3000);
    expect([longer.timeScoreFrom, longer.timeScorePhase!.start]).toEqual([undefined, 8000]);
  });

  it('flat values → TrainConfig → flat values is the identity', () => {
    const v: TrainKnobValues = {
      dataset: 'two-moons', sde: 've', sigmaMin: 0.02, sigmaMax: 3, hidden: [8, 4], features: 4, freqMax: 9, outputScale: 'sigma',
      steps: 7, batch: 3, lr: 0.1, lrFinal: 0.5, ema: 0.9, weighting: 'likelihood', timeScoreSteps: 5, timeScoreWeight: 0.3, timeScoreLr: 0.01,
      timeScoreLrFinal: 0.2, timeScoreReference: 64, timeScoreFrom: 3, seed: 11, checkpointEvery: 2, frame: 'standard', conditional: true, labelDrop: 0.3,
      embedTime: 'log-noise', stopWhenGood: 100,
    };
    expect(trainKnobValues(trainConfigFrom(v)).values).toEqual(v);
    // Unconditional runs leave no trace of it: their checkpoints keep their bytes.
    expect('conditional' in trainConfigFrom({}) || 'labelDrop' in trainConfigFrom({})).toBe(false);
    // The default frame leaves no trace in the config: checkpoints from before --frame keep their bytes.
    expect('frame' in trainConfigFrom({ ...v, frame: 'data' })).toBe(false);
    const dsmOnly = trainConfigFrom({ ...v, timeScoreSteps: 0, timeScoreFrom: 7 });
    expect(dsmOnly.timeScorePhase).toBeUndefined();
    expect([dsmOnly.steps, dsmOnly.timeScoreWeight]).toEqual([7, 0]);
    const csv = trainConfigFrom({ data: 'mine.csv' });
    expect(csv.dataset).toBe('csv');
    expect(csv.dataFile).toBe('mine.csv');
    expect(trainKnobValues(csv).values.dataset).toBeUndefined(); // 'csv' is no built-in name
    expect(() => validateTrainConfig(csv)).not.toThrow();
  });

  it('a knob added to TRAIN_KNOBS alone is stored in the recipe under its own name, read back and validated', () => {
    const knobs = TRAIN_KNOBS as Record<string, Knob>;
    knobs.gradClip = num({ default: 0, min: 0 });
    try {
      expect((trainConfigFrom({}) as unknown as Record<string, unknown>).gradClip).toBe(0);
      const c = trainConfigFrom({ gradClip: 2.5 } as Partial<TrainKnobValues>);
      expect((c as unknown as Record<string, unknown>).gradClip).toBe(2.5);
      expect(trainKnobValues(c).values).toMatchObject({ gradClip: 2.5 });
      const meta = makeMeta({ config: c, sde: { name: 'vp', params: {} }, standardization: { mean: [0, 0], scale: 1 }, step: 0, timeScoreSteps: 0, backend: 'cpu' });
      expect(meta.training.config).toMatchObject({ gradClip: 2.5 });
      expect(() => validateTrainConfig({ ...c, gradClip: -1 } as typeof c)).toThrow('--grad-clip must be a finite number ≥ 0, got -1');
    } finally {
      delete knobs.gradClip;
    }
    expect('gradClip' in trainConfigFrom({})).toBe(false);
  });

  it('validation names the flag', () => {
    const { timeScorePhase: _, ...dsmOnly } = DEFAULT_TRAIN_CONFIG;
    expect(() => validateTrainConfig({ ...dsmOnly, steps: NaN })).toThrow('--steps must be an integer ≥ 1, got NaN');
    expect(() => validateTrainConfig({ ...DEFAULT_TRAIN_CONFIG, timeScorePhase: { ...DEFAULT_TRAIN_CONFIG.timeScorePhase!, lr: -1 } })).toThrow('--time-score-lr must be');
    expect(() => validateTrainConfig({ ...DEFAULT_TRAIN_CONFIG, emaMax: 1 })).toThrow('--ema must be a finite number in [0, 1), got 1');
    expect(() => validateTrainConfig({ ...DEFAULT_TRAIN_CONFIG, seed: 2 ** 32 })).toThrow(/--seed must be an integer in \[0, 4294967295\]/);
    expect(() => validateTrainConfig({ ...DEFAULT_TRAIN_CONFIG, embedding: { ...DEFAULT_TRAIN_CONFIG.embedding, freqMax: 0 } })).toThrow('--freq-max must be');
  });

  it('resume: the marked knobs may change, and only they; a new lr starts a phase', () => {
    expect([...RESUMABLE].sort()).toEqual(['checkpointEvery', 'fokkerPlanckBelow', 'lr', 'lrFinal', 'steps', 'stopWhenGood', 'timeScoreLr', 'timeScoreLrFinal', 'timeScoreReference', 'timeScoreSteps', 'timeScoreTarget', 'timeScoreTimes', 'timeScoreWeight']);
    // A run from before the recipe: one phase, μ switched on by the resume itself.
    const { timeScorePhase: _, ...single } = trainConfigFrom({ timeScoreFrom: 6000, stopWhenGood: 0 });
    const saved = { ...single, timeScoreWeight: 0, phaseStart: 6000, steps: 9000 };
    expect(resumedConfig(saved, { steps: 12000 }, 9000)).toEqual({ ...saved, steps: 12000 });
    expect(resumedConfig(saved, { lr: 1e-4 }, 9000)).toEqual({ ...saved, lr: 1e-4, phaseStart: 9000 });
    expect(resumedConfig(saved, { lrFinal: 0.5, timeScoreWeight: 0.1 }, 9000)).toEqual({ ...saved, lrFinalFraction: 0.5, timeScoreWeight: 0.1, phaseStart: 9000 });
    expect(() => resumedConfig(saved, { batch: 8 }, 9000)).toThrow(/batch cannot change/);
  });

  it('resume of a DSM-only run with --time-score-steps starts the phase at its default weight (not the saved 0)', () => {
    const dsmOnly = trainConfigFrom({ timeScoreSteps: 0 });
    const next = resumedConfig(dsmOnly, { timeScoreSteps: 5 }, 6000);
    expect(next.timeScorePhase).toMatchObject({ start: 6000, weight: TRAIN_KNOBS.timeScoreWeight.default });
    expect(next.steps).toBe(6005);
    expect(resumedConfig(dsmOnly, { timeScoreSteps: 5, timeScoreWeight: 1 }, 6000).timeScorePhase!.weight).toBe(1);
  });

  it('resume of a two-phase run: the time-score phase can be lengthened, the finished DSM phase cannot', () => {
    const c = TWO_PHASE;
    expect(resumedConfig(c, { timeScoreSteps: 9000 }, 11000)).toEqual({ ...c, steps: 15000 });
    expect(resumedConfig(c, { checkpointEvery: 5 }, 3000)).toEqual({ ...c, checkpointEvery: 5 });
    expect(() => resumedConfig(c, { steps: 7000 }, 8000)).toThrow(/the DSM phase ended at step 6000; give --time-score-steps/);
    expect(() => resumedConfig(c, { steps: 2000 }, 3000)).toThrow(/--steps 2000 is below the step the run is at \(3000\)/);
    expect(() => resumedConfig(c, { lr: 1e-3 }, 8000)).toThrow(/in its time-score phase: --lr and --lr-final set the DSM phase; give --time-score-lr/);
    expect(resumedConfig(c, { timeScoreLr: 1e-4 }, 8000).timeScorePhase!.lr).toBe(1e-4);
  });

  it('--time-score-from: the term joins the DSM phase at that step, at the DSM learning rate; alone, one phase', () => {
    const one = trainConfigFrom({ steps: 3000, timeScoreSteps: 0, timeScoreFrom: 1000, timeScoreWeight: 0.5, timeScoreReference: 256 });
    expect(one.steps).toBe(3000);
    expect(one.timeScorePhase).toEqual({ start: 3000, lr: 2e-4, lrFinalFraction: 0.05, weight: 0.5, reference: 256 }); // empty: start = steps
    expect(one.timeScoreFrom).toBe(1000);
    expect(phaseAt(one, 999)).toMatchObject({ start: 0, end: 3000, timeScoreWeight: 0, timeScoreReference: 0 });
    expect(phaseAt(one, 1000)).toMatchObject({ start: 0, end: 3000, lr: 2e-3, timeScoreWeight: 0.5, timeScoreReference: 256 });
    expect(phaseAt(one, 2999).timeScoreWeight).toBe(0.5);
    const dsmOnly = trainConfigFrom({ steps: 3000, timeScoreSteps: 0 });
    for (const k of [0, 999, 1000, 2999]) expect(learningRate(one, k)).toBe(learningRate(dsmOnly, k));
    expect(trainKnobValues(one).values).toMatchObject({ steps: 3000, timeScoreSteps: 0, timeScoreFrom: 1000, timeScoreWeight: 0.5, timeScoreReference: 256 });
    expect(() => validateTrainConfig(one)).not.toThrow();
    // Before a phase of its own: on from 2000 in the DSM phase, then the phase as always.
    const two = trainConfigFrom({ timeScoreFrom: 2000, timeScoreSteps: 5000, timeScoreWeight: 0.1 });
    expect([1999, 2000, 5999, 6000].map((k) => phaseAt(two, k).timeScoreWeight)).toEqual([0, 0.1, 0.1, 0.1]);
    expect([5999, 6000].map((k) => learningRate(two, k))).toEqual([5999, 6000].map((k) => learningRate(TWO_PHASE, k)));
    // From the DSM phase's end or later: not mixed in, and no trace in the config (the checkpoints
    // of the two-phase recipe keep their bytes).
    expect('timeScoreFrom' in TWO_PHASE).toBe(false);
    expect(trainConfigFrom({ timeScoreFrom: 9000, timeScoreSteps: 0 }).timeScorePhase).toBeUndefined();
  });

  it('the learning rate follows each phase: warm-up and cosine over [0, 6000), then again from 2e-4 over [6000, 11000)', () => {
    const c = TWO_PHASE;
    expect(learningRate(c, 0)).toBeCloseTo(2e-3 / 200, 12);
    expect(learningRate(c, 5999)).toBeCloseTo(2e-3 * (0.02 + 0.98 * 0.5 * (1 + Math.cos((Math.PI * 5999) / 6000))), 12);
    expect(learningRate(c, 6000)).toBeCloseTo(2e-4 / 200, 12);
    expect(learningRate(c, 10999)).toBeCloseTo(2e-4 * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * 4999) / 5000))), 12);
    expect([phaseAt(c, 5999).timeScoreWeight, phaseAt(c, 6000).timeScoreWeight]).toEqual([0, 0.1]);
  });
});

describe('SAMPLE_KNOBS and npm run sample / eval', () => {
  it('every sampling knob has a flag and every sampler flag (but the per-model --model, --lambda, --class, --guidance and the exact:NAME model\'s SDE and frame) a knob', () => {
    const perModel = ['model', 'lambda', 'class', 'guidance', 'sde', 'beta-min', 'beta-max', 'sigma-min', 'sigma-max', 'frame'];
    const flags = Object.keys(SAMPLER_FLAGS).filter((f) => !perModel.includes(f)).sort();
    expect(flags).toEqual(Object.keys(SAMPLE_KNOBS).map((f) => flagOf(SAMPLE_KNOBS, f)).sort());
  });

  it('choices come from the registries', () => {
    expect(SAMPLE_KNOBS.sampler.choices).toEqual(Object.keys(SAMPLERS));
    expect(SAMPLE_KNOBS.resampler.choices).toEqual(Object.keys(RESAMPLERS));
    expect(SAMPLE_KNOBS.weights.choices).toEqual(Object.keys(WEIGHTINGS));
  });

  it('parsed flags map back onto the settings, validated with the flag named', () => {
    const settings = sampleSettingsFrom({ sampler: 'fk', steps: '20', 'b-min': '0.2', 'keep-weights': true, weights: 'discrete' });
    expect(settings).toEqual({ sampler: 'fk', steps: 20, bMin: 0.2, keepWeights: true, weights: 'discrete' });
    expect(() => sampleSettingsFrom({ 'ess-threshold': '1.5' })).toThrow('--ess-threshold must be a finite number in [0, 1], got 1.5');
    const all = resolveSampleSettings({});
    expect(Object.keys(all).sort()).toEqual(Object.keys(knobDefaults(SAMPLE_KNOBS)).sort()); // every default filled in
  });
});
