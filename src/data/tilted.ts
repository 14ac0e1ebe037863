// The guided (tilted) law of a built-in mixture, p(x|c)^w · p(x)^{1−w} / Z, where a class c is a
// set of the mixture's components and p(x|c) their mixture renormalised (docs/guidance.md). Its
// exact mode masses come from the same cell integration as p^β's (mixture.ts), so guided samples
// can be scored against known truth.

import type { Dataset } from './datasets.js';
import { cellMasses, mixtureDataset, mixtureLogDensity, nearestCentre, type Mixture } from './mixture.js';
import { checkGuidance } from '../sampling/guidanceKnobs.js';

export { checkGuidance };

/** The components of a class, checked against the mixture (names the offending index). */
export function checkClass(m: Mixture, components: number[], what = '--class'): void {
  if (components.length === 0) throw new Error(`${what}: a class needs at least one component`);
  const K = m.means.length;
  const bad = components.find((k) => !(Number.isInteger(k) && k >= 0 && k < K));
  if (bad !== undefined) throw new Error(`${what}: component ${bad} does not exist; this mixture has components 0…${K - 1}`);
  if (new Set(components).size !== components.length) throw new Error(`${what}: component listed twice in ${components.join(',')}`);
}

/** p(x|c): the class's components with their weights renormalised (a mixture again). */
export function classMixture(m: Mixture, components: number[]): Mixture {
  checkClass(m, components);
  const total = components.reduce((s, k) => s + m.weights[k], 0);
  return { means: components.map((k) => m.means[k]), weights: components.map((k) => m.weights[k] / total), std: m.std };
}

/** log Σₖ exp(aₖ) over the components in `ks` of log-terms `a`, stable (−∞ for none). */
function logSumOver(a: Float64Array, ks: ArrayLike<number>): number {
  let top = -Infinity;
  for (let i = 0; i < ks.length; i++) top = Math.max(top, a[ks[i]]);
  if (top === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < ks.length; i++) s += Math.exp(a[ks[i]] - top);
  return top + Math.log(s);
}

/**
 * log of p(x|c)^w · p(x)^{1−w} up to a constant, as a function of (x, y): w·log Σ_{k∈c}πₖNₖ +
 * (1 − w)·log ΣₖπₖNₖ (the class's own normaliser is a constant). Relative to the highest peak.
 */
export function tiltedLogDensity(m: Mixture, components: number[], w: number): (x: number, y: number) => number {
  checkClass(m, components);
  checkGuidance(w);
  const K = m.means.length;
  const logW = m.weights.map(Math.log);
  const c = 1 / (2 * m.std * m.std);
  const all = Int32Array.from({ length: K }, (_, k) => k);
  const cls = Int32Array.from(components);
  const a = new Float64Array(K);
  const raw = (x: number, y: number) => {
    for (let k = 0; k < K; k++) a[k] = logW[k] - c * ((x - m.means[k][0]) ** 2 + (y - m.means[k][1]) ** 2);
    const lc = logSumOver(a, cls);
    const lp = logSumOver(a, all);
    // Where both vanish in floating point the density does too (w·(−∞) + (1−w)·(−∞) is NaN for w > 1).
    return lc === -Infinity ? -Infinity : w * lc + (1 - w) * lp;
  };
  const peak = Math.max(...m.means.map(([x, y]) => raw(x, y)));
  return (x, y) => raw(x, y) - peak;
}

/**
 * Exact mass of the tilted law in each nearest-centre cell of the mixture (all its components,
 * so the masses compare with samples' mode weights), by mixture.ts's cell integration.
 */
export function tiltedCellMasses(m: Mixture, components: number[], w: number, o: { resolution?: number; depth?: number } = {}): number[] {
  return cellMasses(m.means, m.std, tiltedLogDensity(m, components, w), o);
}

/** Class names of a mixture's components for reports: "3" or "0,1,2,3". */
export const className = (components: number[]) => components.join(',');

/**
 * The tilted law as a dataset: exact draws by rejection and its exact cell masses (annealed by
 * β too). Since p ≥ Π_c·p(x|c) (Π_c the class's weight), r = Π_c·p(x|c)/p(x) ≤ 1: for w ≥ 1 draw
 * from p(x|c) and accept with r^{w−1}; for w < 1 draw from p and accept with r^w.
 */
export function tiltedDataset(base: string, m: Mixture, components: number[], w: number): Dataset {
  checkClass(m, components);
  checkGuidance(w);
  const cls = classMixture(m, components);
  const [pc, p] = [mixtureDataset('class', cls), mixtureDataset(base, m)];
  const share = components.reduce((s, k) => s + m.weights[k], 0);
  const logR = (x: number, y: number) => Math.log(share) + mixtureLogDensity(cls, x, y) - mixtureLogDensity(m, x, y);
  const [from, power] = w >= 1 ? [pc, w - 1] : [p, w];
  const logf = tiltedLogDensity(m, components, w);
  const cache = new Map<number, number[]>();
  const masses = (beta: number) => {
    if (!(beta > 0)) throw new Error(`β must be > 0, got ${beta}`);
    if (!cache.has(beta)) cache.set(beta, cellMasses(m.means, m.std / Math.sqrt(beta), (x, y) => beta * logf(x, y)));
    return cache.get(beta)!.slice();
  };
  return {
    name: `${base} | class ${className(components)}, guidance ${w}`,
    modes: { names: p.modes!.names, get weights() { return masses(1); }, assign: (x, y) => nearestCentre(m.means, x, y), annealed: masses },
    sample(rng, n) {
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; ) {
        const [x, y] = from.sample(rng, 1);
        // min(0, ·): r ≤ 1 holds exactly; rounding may put log r a hair above 0.
        if (Math.log(rng.uniform()) < power * Math.min(0, logR(x, y))) [out[2 * i], out[2 * i + 1], i] = [x, y, i + 1];
      }
      return out;
    },
  };
}
