// The sampler registry: each name is a predictor, a corrector and a weighting. CLI choices
// come from its keys. The loop that runs them is sample.ts.

export type Predictor = 'em' | 'ode' | 'heun';
export type Corrector = 'none' | 'langevin' | 'wfr';
export type Weighting = 'none' | 'fk' | 'wfr';

export interface SamplerSpec {
  description: string;
  predictor: Predictor;
  corrector: Corrector;
  weights: Weighting;
}

export const SAMPLERS: Record<string, SamplerSpec> = {
  em: { description: 'reverse-SDE Euler–Maruyama', predictor: 'em', corrector: 'none', weights: 'none' },
  ode: { description: 'probability-flow ODE, Euler', predictor: 'ode', corrector: 'none', weights: 'none' },
  'ode-heun': { description: 'probability-flow ODE, Heun (2 evaluations a step)', predictor: 'heun', corrector: 'none', weights: 'none' },
  pc: { description: 'predictor–corrector: Euler–Maruyama + Langevin at signal-to-noise r', predictor: 'em', corrector: 'langevin', weights: 'none' },
  fk: { description: 'Euler–Maruyama with Feynman–Kac weights from the potential', predictor: 'em', corrector: 'none', weights: 'fk' },
  wfr: { description: 'Feynman–Kac weights + Fisher–Rao reaction (Wasserstein–Fisher–Rao)', predictor: 'em', corrector: 'none', weights: 'wfr' },
};

export const SAMPLER_NAMES = Object.keys(SAMPLERS);
export const CORRECTORS: Corrector[] = ['none', 'langevin', 'wfr'];

export function getSampler(name: string): SamplerSpec {
  const s = SAMPLERS[name];
  if (!s) throw new Error(`unknown sampler '${name}'; valid names: ${SAMPLER_NAMES.join(', ')}`);
  return s;
}
