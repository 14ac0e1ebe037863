// Forward SDEs dx = f(t)·x dt + g(t) dW on t ∈ [0, 1] (docs/math.md §1), as scalar functions of t.
// Each gives the drift coefficient f, the diffusion g², the marginal x_t = α_t·x₀ + σ_t·z with
// the time derivatives α'_t, σ'_t (the time-score target and ∂ₜ of the exact potential need
// them), the prior std at t = 1 and where sampling stops (t_min).

export interface SdeParams {
  betaMin?: number;
  betaMax?: number;
  sigmaMin?: number;
  sigmaMax?: number;
}

export interface SDE {
  name: string;
  params: Required<Pick<SdeParams, 'betaMin' | 'betaMax'>> | Required<Pick<SdeParams, 'sigmaMin' | 'sigmaMax'>>;
  tMin: number;
  priorStd: number;
  f(t: number): number;
  g2(t: number): number;
  alpha(t: number): number;
  sigma(t: number): number;
  dAlpha(t: number): number;
  dSigma(t: number): number;
}

function vpLike(name: 'vp' | 'subvp', p: SdeParams): SDE {
  const b0 = p.betaMin ?? 0.1;
  const b1 = p.betaMax ?? 20;
  if (!(b0 > 0 && b1 > b0)) throw new Error(`${name}: need 0 < betaMin < betaMax, got ${b0}, ${b1}`);
  const beta = (t: number) => b0 + t * (b1 - b0);
  const alpha = (t: number) => Math.exp(-0.25 * t * t * (b1 - b0) - 0.5 * t * b0);
  const dAlpha = (t: number) => -0.5 * beta(t) * alpha(t);
  const sub = name === 'subvp';
  return {
    name,
    params: { betaMin: b0, betaMax: b1 },
    tMin: 1e-3,
    priorStd: 1,
    f: (t) => -0.5 * beta(t),
    // sub-VP: β(t)(1 − e^{−2∫β}) and e^{−2∫β} = α⁴.
    g2: (t) => (sub ? beta(t) * (1 - alpha(t) ** 4) : beta(t)),
    alpha,
    dAlpha,
    sigma: (t) => (sub ? 1 - alpha(t) ** 2 : Math.sqrt(1 - alpha(t) ** 2)),
    dSigma: (t) => {
      const a = alpha(t);
      return sub ? -2 * a * dAlpha(t) : (-a * dAlpha(t)) / Math.sqrt(1 - a * a);
    },
  };
}

function ve(p: SdeParams): SDE {
  const sMin = p.sigmaMin ?? 0.01;
  const sMax = p.sigmaMax ?? 4;
  if (!(sMin > 0 && sMax > sMin)) throw new Error(`ve: need 0 < sigmaMin < sigmaMax, got ${sMin}, ${sMax}`);
  const logRatio = Math.log(sMax / sMin);
  const sigma = (t: number) => sMin * Math.exp(t * logRatio);
  return {
    name: 've',
    params: { sigmaMin: sMin, sigmaMax: sMax },
    tMin: 1e-5,
    priorStd: sMax,
    f: () => 0,
    g2: (t) => 2 * sigma(t) ** 2 * logRatio,
    alpha: () => 1,
    dAlpha: () => 0,
    sigma,
    dSigma: (t) => sigma(t) * logRatio,
  };
}

/**
 * VE whose noise starts from zero: the marginal of dx = g dW itself, σ_t² = ∫₀ᵗg² =
 * σ_min²(r^{2t} − 1), r = σ_max/σ_min, with ve's g. ve instead takes σ_t = σ_min·r^t (data
 * already blurred by σ_min at t = 0). This is the schedule the FKC benchmark uses.
 */
function ve0(p: SdeParams): SDE {
  const base = ve(p);
  const { sigmaMin: sMin, sigmaMax: sMax } = base.params as { sigmaMin: number; sigmaMax: number };
  const logRatio = Math.log(sMax / sMin);
  // r^{2t} − 1 by expm1, so σ_t stays accurate where 2t·log r is small.
  const sigma = (t: number) => sMin * Math.sqrt(Math.expm1(2 * t * logRatio));
  return {
    ...base,
    name: 've0',
    tMin: 1e-3,
    priorStd: sigma(1),
    sigma,
    dSigma: (t) => (sMin * sMin * Math.exp(2 * t * logRatio) * logRatio) / sigma(t),
  };
}

export const SDES: Record<string, (p?: SdeParams) => SDE> = {
  vp: (p = {}) => vpLike('vp', p),
  subvp: (p = {}) => vpLike('subvp', p),
  ve: (p = {}) => ve(p),
  ve0: (p = {}) => ve0(p),
};

/** Whether an SDE is parametrised by σ_min, σ_max (else by β_min, β_max). */
export const isVarianceExploding = (name: string) => name === 've' || name === 've0';

export const SDE_NAMES = Object.keys(SDES);

export function makeSde(name: string, params: SdeParams = {}): SDE {
  const factory = SDES[name];
  if (!factory) throw new Error(`unknown SDE '${name}'; valid names: ${SDE_NAMES.join(', ')}`);
  return factory(params);
}

/** Variance per coordinate of x_t for unit-variance data: α_t² + σ_t², and its t-derivative. */
export function marginalVariance(sde: SDE, t: number): { v: number; dv: number } {
  const a = sde.alpha(t);
  const s = sde.sigma(t);
  return { v: a * a + s * s, dv: 2 * a * sde.dAlpha(t) + 2 * s * sde.dSigma(t) };
}
