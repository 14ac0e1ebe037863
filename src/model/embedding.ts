// Fourier time features emb(t) = [sin(ω_k t), cos(ω_k t)] with ω_k geometric from freqMin to
// freqMax, and their exact t-derivative. Smooth in t because the samplers need ∂ₜU; very high
// frequencies make ∂ₜU large and noisy (docs/math.md §2).

export interface EmbeddingConfig {
  /** Number of frequencies; the embedding has 2× this many features. */
  features: number;
  freqMin: number;
  freqMax: number;
}

export const DEFAULT_EMBEDDING: EmbeddingConfig = { features: 16, freqMin: 0.5, freqMax: 64 };

export function frequencies(c: EmbeddingConfig): number[] {
  if (c.features === 1) return [c.freqMin];
  return Array.from({ length: c.features }, (_, k) => c.freqMin * (c.freqMax / c.freqMin) ** (k / (c.features - 1)));
}

/** Row-major [n, 2F] features and their t-derivatives for per-row times t. */
export function embed(c: EmbeddingConfig, t: ArrayLike<number>): { value: Float32Array; dt: Float32Array } {
  const w = frequencies(c);
  const F = w.length;
  const n = t.length;
  const value = new Float32Array(n * 2 * F);
  const dt = new Float32Array(n * 2 * F);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < F; k++) {
      const s = Math.sin(w[k] * t[i]);
      const co = Math.cos(w[k] * t[i]);
      value[i * 2 * F + k] = s;
      value[i * 2 * F + F + k] = co;
      dt[i * 2 * F + k] = w[k] * co;
      dt[i * 2 * F + F + k] = -w[k] * s;
    }
  }
  return { value, dt };
}
