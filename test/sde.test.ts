// Forward SDE marginals: α_t, σ_t in closed form, α' = f·α, and the marginal variance ODE
// d/dt(α²v₀ + σ²) = 2f(α²v₀ + σ²) + g² for any data variance v₀ (checked at v₀ = 0 and 1).
import { describe, expect, it } from 'vitest';
import { makeSde, SDE_NAMES } from '../src/sde.js';

const ts = [0.001, 0.05, 0.2, 0.5, 0.8, 0.99];
const h = 1e-5;
const fd = (f: (t: number) => number, t: number) => (f(t + h) - f(t - h)) / (2 * h);

describe('forward SDEs', () => {
  it('VP: α = exp(−¼t²(β₁−β₀) − ½tβ₀), σ = √(1−α²)', () => {
    const s = makeSde('vp');
    for (const t of ts) {
      const a = Math.exp(-0.25 * t * t * 19.9 - 0.5 * t * 0.1);
      expect(s.alpha(t)).toBeCloseTo(a, 12);
      expect(s.sigma(t)).toBeCloseTo(Math.sqrt(1 - a * a), 12);
    }
    expect(s.tMin).toBe(1e-3);
    expect(s.priorStd).toBe(1);
  });

  it('sub-VP: σ = 1 − α², g² = β(1 − e^{−2β₀t − (β₁−β₀)t²})', () => {
    const s = makeSde('subvp');
    for (const t of ts) {
      const a = s.alpha(t);
      expect(s.sigma(t)).toBeCloseTo(1 - a * a, 12);
      expect(s.g2(t)).toBeCloseTo((0.1 + t * 19.9) * (1 - Math.exp(-2 * 0.1 * t - 19.9 * t * t)), 10);
    }
  });

  it('VE: α = 1, σ = σ_min(σ_max/σ_min)^t, g² = 2σ² ln(σ_max/σ_min)', () => {
    const s = makeSde('ve', { sigmaMin: 0.01, sigmaMax: 5 });
    for (const t of ts) {
      expect(s.alpha(t)).toBe(1);
      expect(s.sigma(t)).toBeCloseTo(0.01 * 500 ** t, 10);
      expect(s.g2(t)).toBeCloseTo(2 * s.sigma(t) ** 2 * Math.log(500), 8);
    }
    expect(s.priorStd).toBe(5);
    expect(s.tMin).toBe(1e-5);
  });

  it('ve0: the noise of dx = g dW from t = 0, σ² = σ_min²((σ_max/σ_min)^{2t} − 1) (the FKC schedule), same g as VE', () => {
    const s = makeSde('ve0', { sigmaMin: 0.01, sigmaMax: 10 });
    const v = makeSde('ve', { sigmaMin: 0.01, sigmaMax: 10 });
    for (const t of ts) {
      expect(s.sigma(t) ** 2 / (1e-4 * (1000 ** (2 * t) - 1))).toBeCloseTo(1, 10);
      expect(s.g2(t)).toBe(v.g2(t));
      // Their g(t) = 0.01·1000^t·√(2 ln 1000).
      expect(Math.sqrt(s.g2(t))).toBeCloseTo(0.01 * 1000 ** t * Math.sqrt(2 * Math.log(1000)), 8);
    }
    expect(s.sigma(0)).toBe(0);
    expect(s.priorStd).toBeCloseTo(Math.sqrt(1e-4 * (1e6 - 1)), 12);
  });

  for (const name of SDE_NAMES) {
    it(`${name}: α' = fα, α' and σ' match differences, variance ODE holds`, () => {
      const s = makeSde(name);
      for (const t of ts) {
        expect(s.dAlpha(t)).toBeCloseTo(s.f(t) * s.alpha(t), 8);
        expect(s.dAlpha(t)).toBeCloseTo(fd(s.alpha, t), 5);
        expect(s.dSigma(t) / fd(s.sigma, t)).toBeCloseTo(1, 4);
        for (const v0 of [0, 1]) {
          const v = (u: number) => s.alpha(u) ** 2 * v0 + s.sigma(u) ** 2;
          // (For VP with v₀ = 1 both sides are 0: the variance is preserved.)
          const rhs = 2 * s.f(t) * v(t) + s.g2(t);
          expect(Math.abs(fd(v, t) - rhs)).toBeLessThan(1e-4 * (1 + Math.abs(rhs)));
        }
      }
    });
  }

  it('bad names and parameters are errors that say what is valid', () => {
    expect(() => makeSde('vpp')).toThrow(/valid names: vp, subvp, ve, ve0/);
    expect(() => makeSde('ve', { sigmaMin: 1, sigmaMax: 0.5 })).toThrow(/sigmaMin < sigmaMax/);
  });
});
