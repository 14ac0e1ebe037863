// Fourier time features emb(τ) = [sin(ω_k τ), cos(ω_k τ)] with ω_k geometric from freqMin to
// freqMax, and their exact t-derivative. τ is t, or (time 'log-noise') log σ_t/α_t mapped affinely
// onto [t_min, 1], which gives small noise levels the features' resolution under VP. Smooth in t
// because the samplers need ∂ₜU; very high frequencies make ∂ₜU large and noisy (docs/math.md §2).

import type { SDE } from '../sde.js';

export interface EmbeddingConfig {
  /** Number of frequencies; the embedding has 2× this many features. */
  features: number;
  freqMin: number;
  freqMax: number;
  /** What the features see: t (absent, every checkpoint before this field) or 'log-noise' (τ above). */
  time?: 'log-noise';
}

/** The values of the embedding's time field: t itself, or log σ/α rescaled. */
export const EMBED_TIMES = ['t', 'log-noise'] as const;

export const DEFAULT_EMBEDDING: EmbeddingConfig = { features: 16, freqMin: 0.5, freqMax: 64 };

export function frequencies(c: EmbeddingConfig): number[] {
  if (c.features === 1) return [c.freqMin];
  return Array.from({ length: c.features }, (_, k) => c.freqMin * (c.freqMax / c.freqMin) ** (k / (c.features - 1)));
}

/**
 * τ(t) and dτ/dt of the 'log-noise' time: τ = t_min + (1 − t_min)(log ν(t) − log ν(t_min))/L with
 * ν = σ/α and L = log ν(1) − log ν(t_min). Under VE log ν is linear in t, so τ = t.
 */
export function logNoiseTime(sde: SDE): (t: number) => [number, number] {
  const logNu = (t: number) => Math.log(sde.sigma(t) / sde.alpha(t));
  const lo = logNu(sde.tMin);
  const scale = (1 - sde.tMin) / (logNu(1) - lo);
  return (t) => [sde.tMin + scale * (logNu(t) - lo), scale * (sde.dSigma(t) / sde.sigma(t) - sde.dAlpha(t) / sde.alpha(t))];
}

/** Row-major [n, 2F] features and their t-derivatives for per-row times t (`sde`: needed by the 'log-noise' time). */
export function embed(c: EmbeddingConfig, t: ArrayLike<number>, sde?: SDE): { value: Float32Array; dt: Float32Array } {
  const w = frequencies(c);
  const F = w.length;
  const n = t.length;
  const value = new Float32Array(n * 2 * F);
  const dt = new Float32Array(n * 2 * F);
  if (c.time === 'log-noise' && !sde) throw new Error("the 'log-noise' time embedding needs the SDE");
  const tau = c.time === 'log-noise' ? logNoiseTime(sde!) : (x: number): [number, number] => [x, 1];
  for (let i = 0; i < n; i++) {
    const [u, du] = tau(t[i]);
    for (let k = 0; k < F; k++) {
      const s = Math.sin(w[k] * u);
      const co = Math.cos(w[k] * u);
      value[i * 2 * F + k] = s;
      value[i * 2 * F + F + k] = co;
      dt[i * 2 * F + k] = w[k] * co * du;
      dt[i * 2 * F + F + k] = -w[k] * s * du;
    }
  }
  return { value, dt };
}
