// Every sampling knob once: its default, range, choices and help. `npm run sample`/`eval`
// flags, their validation and help, the JSON report's settings and the demo's controls all
// derive from SAMPLE_KNOBS; sample() fills what a caller leaves out from the same table.

import { knobDefaults, validateKnobs, type Knobs, type ValuesOf } from '../config/knobs.js';
import { checkSampleLimits } from '../config/limits.js';
import { CORRECTORS } from './correctors/index.js';
import { REACTION_TARGETS } from './blurredTarget.js';
import { DEFAULT_REACTION_CLOCK, REACTION_CLOCKS } from './reactionClock.js';
import { DEFAULT_KERNEL_FLOOR, KERNEL_FLOORS } from './kernelFloor.js';
import { DENSITY_METHODS } from './density.js';
import { GRID_KINDS } from './grid.js';
import { PREDICTORS } from './predictors/index.js';
import { RESAMPLERS } from './resample.js';
import { SAMPLER_NAMES, SAMPLERS } from './samplers.js';
import { WEIGHTINGS } from './weightings/index.js';

/** "name: description; …" of a registry, for a flag's help. */
function described(registry: Record<string, { description: string }>): string {
  return Object.entries(registry)
    .map(([k, p]) => `${k}: ${p.description}`)
    .join('; ');
}

/** A registry's names (typed apart from the registry, whose parts are built from these settings). */
const names = (registry: object): string[] => Object.keys(registry);

/** Seeds are 32-bit (rng.ts mixes them into a 32-bit state). */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * Every sampling option (a flag of `npm run sample`, an option of `Model.sample`): its kind,
 * default, range, choices and help, e.g. to build controls for them.
 *
 * @example
 * ```ts
 * import { SAMPLE_KNOBS } from 'wfr-score';
 * console.log(SAMPLE_KNOBS.steps.default, SAMPLE_KNOBS.sampler.choices);   // 100, ['em', 'ode', …]
 * ```
 */
export const SAMPLE_KNOBS = {
  sampler: {
    kind: 'string',
    default: 'wfr',
    choices: SAMPLER_NAMES,
    help: SAMPLER_NAMES.map((k) => `${k}: ${SAMPLERS[k].description}`).join('; '),
  },
  steps: { kind: 'integer', default: 100, min: 1, help: 'time steps from t = 1 to t_min' },
  n: { kind: 'integer', default: 4000, min: 1, symbol: 'N', help: 'number of particles' },
  seed: { kind: 'integer', default: 0, min: 0, max: MAX_SEED, help: 'seed of every random stream' },
  beta: { kind: 'number', default: 1, gt: 0, symbol: 'β', help: 'sample the annealed p^β (the drift uses the β-scaled score)' },
  alpha: { kind: 'number', default: 20, min: 0, symbol: 'α', help: 'Fisher–Rao reaction rate of wfr, per unit of --reaction-clock: a product with negative exponents (guidance at w > 1) reacts Σ|λ|/Σλ times faster' },
  bMin: { kind: 'number', default: 0.1, min: 0, help: 'floor of the kernel width of ρ̂ (standardised units), under --b-min-rule fixed (giving --b-min alone implies it)' },
  bMinRule: {
    kind: 'string',
    default: DEFAULT_KERNEL_FLOOR,
    choices: KERNEL_FLOORS,
    help: "how the floor of ρ̂'s kernel width is set: fisher (at each step N^(−1/6)·σ̂, σ̂² = 2/mean‖β∇U‖² over the particles: the width of the target's modes, in any frame and at any β) or fixed (--b-min)",
  },
  density: { kind: 'string', default: 'binned', choices: DENSITY_METHODS, help: 'moved-cloud density ρ̂ of wfr: binned O(N) or exact O(N²)' },
  selfKernel: {
    kind: 'number',
    default: 0.5,
    min: 0,
    max: 1,
    help: "weight of each particle's own kernel in ρ̂ (scaled by (b²+s²)/(2b²) where the b-min floor widens the kernel past the step's noise s): ½ cancels the finite-N bias of log ρ̂ that drains thin modes (1: the plain estimate, 0: leave it out)",
  },
  reactionTarget: {
    kind: 'string',
    default: 'plain',
    choices: REACTION_TARGETS,
    help: "what wfr's reaction compares ρ̂ with: plain exp(−βU), or blurred by the width ρ̂'s kernel adds to the moved cloud (√(b²−s²), 7-point cubature: 6 more evaluations of U a step where the b-min floor is active), which removes the over-sharpening of modes",
  },
  reactionClock: {
    kind: 'string',
    default: DEFAULT_REACTION_CLOCK,
    choices: REACTION_CLOCKS,
    help: "what α is a rate per: noise (the log-noise time τ, log σ_t/α_t mapped onto [t_min, 1], so that VP spends as much of the reaction as ve where many modes separate, or nearly; τ = t under ve) or time (t)",
  },
  tOff: { kind: 'number', min: 0, max: 1, help: "weights act only on steps that end at t ≥ t-off (default: the checkpoint's cut-off)" },
  tMin: { kind: 'number', gt: 0, lt: 1, help: "where sampling stops (default: the SDE's t_min)" },
  grid: { kind: 'string', default: 'uniform', choices: GRID_KINDS, help: 'time grid' },
  resampler: { kind: 'string', default: 'systematic', choices: names(RESAMPLERS), help: `resampling scheme: ${described(RESAMPLERS)}` },
  essThreshold: { kind: 'number', default: 0.5, min: 0, max: 1, help: 'resample when ESS < threshold·N (weighted samplers without reaction)' },
  weights: { kind: 'string', choices: names(WEIGHTINGS), help: `Feynman–Kac part of fk and wfr (default: the sampler's own): ${described(WEIGHTINGS)}` },
  predictor: { kind: 'string', choices: names(PREDICTORS), help: `move of each step (default: the sampler's own): ${described(PREDICTORS)}` },
  corrector: { kind: 'string', choices: names(CORRECTORS), help: `corrector after each predictor step (default: the sampler's own): ${described(CORRECTORS)}` },
  snr: { kind: 'number', default: 0.16, gt: 0, help: 'signal-to-noise ratio r of corrector steps' },
  keepWeights: { kind: 'boolean', default: false, help: 'write the weights instead of a final resample' },
} as const satisfies Knobs;

/** The sampling settings a run used, every default filled in (the values SAMPLE_KNOBS describes). */
export type SampleSettings = ValuesOf<typeof SAMPLE_KNOBS>;

/** The settings with every default filled in; throws naming the flag of a bad value. */
export function resolveSampleSettings(given: Partial<SampleSettings>): SampleSettings {
  const defined = Object.fromEntries(Object.entries(given).filter(([k, v]) => v !== undefined && k in SAMPLE_KNOBS));
  // A b-min given without a rule asks for that floor: the fixed rule, as before fisher was the default.
  const rule = defined.bMin !== undefined && defined.bMinRule === undefined ? { bMinRule: 'fixed' } : {};
  const s = { ...knobDefaults(SAMPLE_KNOBS), ...defined, ...rule } as SampleSettings;
  validateKnobs(SAMPLE_KNOBS, s as Record<string, unknown>);
  checkSampleLimits(s);
  return s;
}
