// The sampler registry: each name is a composition of parts — a predictor, a corrector, a
// Feynman–Kac weighting, and whether the Fisher–Rao reaction is on (wfr). CLI choices come from
// its keys; the parts' registries are predictors/, correctors/ and weightings/, and compose.ts
// builds a run's parts from a spec and the flags that override it.

export interface SamplerSpec {
  description: string;
  /** A key of PREDICTORS. */
  predictor: string;
  /** A key of CORRECTORS. */
  corrector: string;
  /** A key of WEIGHTINGS. */
  weights: string;
  /** Whether the Fisher–Rao reaction (with resampling every step) is on. */
  reaction: boolean;
}

const spec = (description: string, predictor: string, o: Partial<Omit<SamplerSpec, 'description' | 'predictor'>> = {}): SamplerSpec => ({
  description,
  predictor,
  corrector: o.corrector ?? 'none',
  weights: o.weights ?? 'none',
  reaction: o.reaction ?? false,
});

export const SAMPLERS: Record<string, SamplerSpec> = {
  em: spec('reverse-SDE Euler–Maruyama', 'em'),
  ode: spec('probability-flow ODE, Euler', 'ode'),
  'ode-heun': spec('probability-flow ODE, Heun (2 evaluations a step)', 'heun'),
  pc: spec('predictor–corrector: Euler–Maruyama + Langevin at signal-to-noise r', 'em', { corrector: 'langevin' }),
  fk: spec('Euler–Maruyama with Feynman–Kac weights from the potential', 'em', { weights: 'continuous' }),
  // The reaction alone by default: measured against adding the continuous or the discrete
  // Feynman–Kac part (bench: "Which Feynman–Kac part for wfr?"), it has the lowest mode-weight
  // error on the default-recipe models and needs only U, so a step costs about an em step + ρ̂.
  wfr: spec('Euler–Maruyama + Fisher–Rao reaction toward exp(−βU), resampled every step (Wasserstein–Fisher–Rao)', 'em', { weights: 'none', reaction: true }),
};

/** The samplers by name: em, ode, ode-heun, pc, fk, wfr. */
export const SAMPLER_NAMES = Object.keys(SAMPLERS);

export function getSampler(name: string): SamplerSpec {
  const s = SAMPLERS[name];
  if (!s) throw new Error(`unknown sampler '${name}'; valid names: ${SAMPLER_NAMES.join(', ')}`);
  return s;
}
