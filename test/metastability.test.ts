// The metastability experiment on the exact double-well (src/sampling/metastability.ts): from an
// all-right start, Langevin + reaction reaches the exact left-well mass far sooner than Langevin
// alone; masses are proper fractions; no tensors leak; the mixing-time rule.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { builtinSource } from '../src/data/source.js';
import { DoubleWellPotential, doubleWellLeftMass } from '../src/model/doubleWell.js';
import { extrapolatedMixingTime, mixingTime, runMetastability, type MetastabilityMethod } from '../src/sampling/metastability.js';

const st = builtinSource('double-well').standardization;
const potential = new DoubleWellPotential(st);
const run = (method: MetastabilityMethod, iterations = 300) =>
  runMetastability({ potential, t: 0, beta: 1, method, eps: 0.01, rate: 10, bMin: 0.1, n: 1000, iterations, seed: 2, standardization: st });

describe('metastability on the exact double-well', () => {
  it('the exact left-well masses of exp(−βV)', () => {
    expect(doubleWellLeftMass(1)).toBeCloseTo(0.282435, 5); // the dataset's own mode weight
    expect(doubleWellLeftMass(2)).toBeLessThan(doubleWellLeftMass(1));
  });

  it('Langevin + reaction reaches the exact mass (within 0.02) ≥ 10× sooner than Langevin alone, without leaks', () => {
    const exact = doubleWellLeftMass(1);
    const before = tf.memory().numTensors;
    const [lang, reaction, bd] = [run('langevin'), run('reaction'), run('birth-death')];
    expect(tf.memory().numTensors).toBe(before);
    for (const r of [lang, reaction, bd]) for (const m of r.leftMass) expect(m >= 0 && m <= 1 + 1e-9).toBe(true);
    const tauR = mixingTime(reaction.leftMass, exact, { tol: 0.02 })!;
    const tauBd = mixingTime(bd.leftMass, exact, { tol: 0.02 })!;
    expect(tauR).toBeLessThan(150); // measured 60–80
    expect(tauBd).toBeLessThan(150);
    expect(mixingTime(lang.leftMass, exact, { tol: 0.02 })).toBeUndefined();
    // Langevin's mixing time, extrapolated from the mass it reached: measured ≈ 5000.
    expect(extrapolatedMixingTime(lang.leftMass, exact, { tol: 0.02 })! / tauR).toBeGreaterThan(10);
    expect(lang.distinctAncestors).toBe(1000);
  });

  it('is reproducible from the seed', () => {
    expect(Array.from(run('birth-death', 30).leftMass)).toEqual(Array.from(run('birth-death', 30).leftMass));
  });

  it('mixing time: first entry into the band that is never left (trailing average)', () => {
    expect(mixingTime([0, 0.5, 1, 1, 1], 1, { tol: 0.01, window: 1 })).toBe(3);
    expect(mixingTime([0, 1, 0, 1, 1], 1, { tol: 0.01, window: 1 })).toBe(4);
    expect(mixingTime([0, 0, 0], 1, { window: 1 })).toBeUndefined();
  });
});

describe('the own kernel in ρ̂ (the drain of thin modes)', () => {
  // Stationary left-well mass (iterations 150–300, 2 seeds, N = 500, b = 0.141) against the exact
  // 0.2824. Each particle's own kernel inflates ρ̂ where it sits by E[K] = 1/(4πb²N), twice the
  // downward Jensen bias of log ρ̂ from the others; weight ½ cancels the two at first order.
  // Measured (4 seeds, 200 iterations): weight 1 −0.0080, ½ −0.0013, 0 +0.0165; N = 2000: −0.0021, +0.0002, +0.0043.
  const stationary = (selfKernel: number, o: { eps: number; bMin: number; iterations: number } = { eps: 0.01, bMin: 0.1, iterations: 300 }) => {
    let m = 0;
    for (const seed of [1, 2]) {
      const r = runMetastability({ potential, t: 0, beta: 1, method: 'reaction', rate: 10, n: 500, seed, standardization: st, selfKernel, ...o });
      const k0 = o.iterations / 2;
      for (let k = k0; k < o.iterations; k++) m += r.leftMass[k] / (2 * k0);
    }
    return m - doubleWellLeftMass(1);
  };
  it('counted in full it drains the light well; left out it overfills it; at weight ½ the bias is gone', () => {
    expect(stationary(1)).toBeLessThan(-0.005);
    expect(stationary(0)).toBeGreaterThan(0.01);
    expect(Math.abs(stationary(0.5))).toBeLessThan(0.004);
  });

  it('with the kernel floor wider than the step noise (b = 0.2, s = 0.1), the scaled weight still cancels it', () => {
    // The own term's mean is 1/(2π(b² + s²)N): weight ½ is scaled to ½·(b² + s²)/(2b²) = 0.3125.
    // Measured (4 seeds, 800 iterations): own kernel in full −0.0092, scaled ½ −0.0003, left out +0.0064.
    const wide = { eps: 0.005, bMin: 0.2, iterations: 600 };
    expect(Math.abs(stationary(0.5, wide))).toBeLessThan(0.004);
    expect(stationary(1, wide)).toBeLessThan(-0.004);
  });
});
