// The sampling loop shared by every sampler: particles from the prior at t = 1 move down the
// time grid by a predictor (and optional corrector); when the sampler is weighted they carry
// Feynman–Kac log-weights (fk) plus the Fisher–Rao reaction (wfr), and are resampled when the
// ESS drops (every step for wfr). Works in standardised space; browser-safe.

import * as tf from '@tensorflow/tfjs';
import type { Need, Potential, PotentialValues } from '../model/potential.js';
import { Rng } from '../rng.js';
import { std } from '../stats.js';
import type { SDE } from '../sde.js';
import { DENSITY_METHODS, logKernelDensity, logKernelDensityBinned, type DensityMethod } from './density.js';
import { timeGrid, type GridKind } from './grid.js';
import { effectiveSampleSize, normalizeWeights, resample, RESAMPLER_NAMES } from './resample.js';
import { getSampler, type Corrector } from './samplers.js';
import { fkRate } from './weights.js';

export interface SampleOptions {
  /** Target potential U: the path exp(−β·U(·, t)) the weights track, and the drift by default. */
  potential: Potential;
  /** A different potential for the drift (e.g. a biased model), weights still from `potential`. */
  drift?: Potential;
  sde: SDE;
  sampler: string;
  n: number;
  steps: number;
  seed: number;
  /** Where sampling stops (default: the SDE's t_min). */
  tMin?: number;
  grid?: GridKind;
  /** Target exp(−β·U); the drift uses the β-scaled score. Default 1. */
  beta?: number;
  /** Fisher–Rao reaction rate α of wfr (default 20). */
  alpha?: number;
  /** Floor of the kernel width of ρ̂, standardised units (default 0.1). */
  bMin?: number;
  /** How ρ̂ is computed: binned (default, O(N)) or exact (O(N²), the reference). */
  density?: DensityMethod;
  /** Weights are active on steps that end at t ≥ tOff (default 0). */
  tOff?: number;
  resampler?: string;
  /** Resample when ESS < essThreshold·N (weighted samplers without reaction). Default 0.5. */
  essThreshold?: number;
  /** Overrides the sampler's corrector. */
  corrector?: Corrector;
  /** Signal-to-noise ratio r of Langevin / WFR corrector steps (default 0.16). */
  snr?: number;
  /** Return weights instead of a final resample. */
  keepWeights?: boolean;
  /** Called after every step (await-ed, so a browser can yield and draw). */
  onStep?: (s: StepInfo) => void | Promise<void>;
}

export interface StepInfo {
  step: number;
  steps: number;
  t: number;
  /** Particles after the step (standardised). Valid only during the call. */
  x: tf.Tensor2D;
  /** Normalised weights when weighted. */
  weights?: Float64Array;
  ess: number;
}

export interface SampleTrace {
  t: number[];
  ess: number[];
  /** Std of G across particles at each step (weighted samplers); 0 for an exact potential. */
  gSpread: number[];
  resampled: boolean[];
}

export interface SampleResult {
  /** Standardised samples [n·2]. */
  points: Float32Array;
  /** Normalised weights when keepWeights and the sampler is weighted. */
  weights?: Float64Array;
  trace: SampleTrace;
  resampleCount: number;
  distinctAncestors: number;
  msPerStep: number[];
  /** Things a user must know about the run, e.g. that the weights collapsed. */
  warnings: string[];
}

/** An ESS below this fraction of N is reported as a collapse of the weights. */
export const ESS_COLLAPSE = 0.05;

export class NonFiniteWeightsError extends Error {
  constructor(readonly step: number, readonly t: number) {
    super(`log-weights became non-finite at step ${step} (t = ${t.toPrecision(4)}); nothing was written`);
  }
}

export function validateSampleOptions(o: SampleOptions): void {
  getSampler(o.sampler);
  if (!Number.isInteger(o.n) || o.n <= 0) throw new Error(`--n must be a positive integer, got ${o.n}`);
  if (!Number.isInteger(o.steps) || o.steps <= 0) throw new Error(`--steps must be a positive integer, got ${o.steps}`);
  if (o.alpha !== undefined && !(o.alpha >= 0)) throw new Error(`--alpha must be ≥ 0, got ${o.alpha}`);
  if (o.beta !== undefined && !(o.beta > 0)) throw new Error(`--beta must be > 0, got ${o.beta}`);
  if (o.bMin !== undefined && !(o.bMin >= 0)) throw new Error(`--b-min must be ≥ 0, got ${o.bMin}`);
  if (o.snr !== undefined && !(o.snr > 0)) throw new Error(`--snr must be > 0, got ${o.snr}`);
  if (o.essThreshold !== undefined && !(o.essThreshold >= 0 && o.essThreshold <= 1)) {
    throw new Error(`--ess-threshold must be in [0, 1], got ${o.essThreshold}`);
  }
  if (o.density !== undefined && !DENSITY_METHODS.includes(o.density)) {
    throw new Error(`unknown density method '${o.density}'; valid names: ${DENSITY_METHODS.join(', ')}`);
  }
  if (o.resampler !== undefined && !RESAMPLER_NAMES.includes(o.resampler)) {
    throw new Error(`unknown resampler '${o.resampler}'; valid names: ${RESAMPLER_NAMES.join(', ')}`);
  }
  const tMin = o.tMin ?? o.sde.tMin;
  if (!(tMin > 0 && tMin < 1)) throw new Error(`--t-min must be in (0, 1), got ${tMin}`);
}

/**
 * Rows per potential evaluation. An evaluation with ΔU holds ~60 [rows, 128] intermediates at
 * its peak, and wasm's heap never shrinks: measured at N = 20000 (wfr), 634 MB of heap in one
 * block against 144 MB in blocks of 4096; the cost per particle is the same.
 */
export const EVAL_ROWS = 4096;

/** Evaluates a potential in row blocks and keeps the result out of any enclosing tidy. */
export function evaluateInBlocks(p: Potential, x: tf.Tensor2D, t: number, need: Need, blockRows = EVAL_ROWS): PotentialValues {
  const n = x.shape[0];
  const once = (rows: () => tf.Tensor2D) => tf.tidy(() => p.evaluate(rows(), t, need) as unknown as tf.TensorContainer) as unknown as PotentialValues;
  if (n <= blockRows) return once(() => x);
  const parts: PotentialValues[] = [];
  for (let i = 0; i < n; i += blockRows) parts.push(once(() => x.slice([i, 0], [Math.min(blockRows, n - i), 2])));
  const joined = tf.tidy(() => {
    const cat = <T extends tf.Tensor>(pick: (v: PotentialValues) => T | undefined) => (pick(parts[0]) ? (tf.concat(parts.map((v) => pick(v)!)) as T) : undefined);
    return { u: cat((v) => v.u)!, grad: cat((v) => v.grad)!, lap: cat((v) => v.lap), dt: cat((v) => v.dt) } as unknown as tf.TensorContainer;
  }) as unknown as PotentialValues;
  parts.forEach(disposeValues);
  return joined;
}

/**
 * Rows idx of a float32 tensor, gathered in JS: resampling moves every particle's values each
 * wfr step, and wasm's gather kernel is ~8× slower than this loop (bench: single-op costs).
 */
export function gatherRows<T extends tf.Tensor>(t: T, idx: Int32Array): T {
  const src = t.dataSync();
  const width = t.size / t.shape[0];
  const out = new Float32Array(idx.length * width);
  for (let i = 0; i < idx.length; i++) for (let j = 0; j < width; j++) out[i * width + j] = src[idx[i] * width + j];
  return tf.tensor(out, [idx.length, ...t.shape.slice(1)]) as T;
}

function gatherValues(v: PotentialValues, idx: Int32Array): PotentialValues {
  const out: PotentialValues = { u: gatherRows(v.u, idx), grad: gatherRows(v.grad, idx) };
  if (v.lap) out.lap = gatherRows(v.lap, idx);
  if (v.dt) out.dt = gatherRows(v.dt, idx);
  return out;
}

const disposeValues = (v: PotentialValues | undefined) => v && tf.dispose([v.u, v.grad, v.lap ?? [], v.dt ?? []]);


export async function sample(o: SampleOptions): Promise<SampleResult> {
  validateSampleOptions(o);
  const spec = getSampler(o.sampler);
  const corrector = o.corrector ?? spec.corrector;
  const { sde, n } = o;
  const beta = o.beta ?? 1;
  const c = beta;
  const alpha = o.alpha ?? 20;
  const bMin = o.bMin ?? 0.1;
  const tOff = o.tOff ?? 0;
  const snr = o.snr ?? 0.16;
  const threshold = o.essThreshold ?? 0.5;
  const scheme = o.resampler ?? 'systematic';
  const weighted = spec.weights !== 'none' || corrector === 'wfr';
  const density = o.density ?? 'binned';
  /** log ρ̂ at the rows of `at` of the Gaussian cloud around `centres` with width b. */
  const logRho = (at: tf.Tensor2D, centres: tf.Tensor2D, b: number): tf.Tensor1D =>
    density === 'exact'
      ? logKernelDensity(at, centres, b)
      : tf.tensor1d(Float32Array.from(logKernelDensityBinned(at.dataSync() as Float32Array, centres.dataSync() as Float32Array, b)));
  const grid = timeGrid(o.steps, o.tMin ?? sde.tMin, o.grid ?? 'uniform');
  const rng = new Rng(o.seed, 'sample');
  const resampleRng = new Rng(o.seed, 'resample');
  const normals = () => tf.tensor2d(rng.normals(new Float32Array(2 * n)), [n, 2]);

  const separateDrift = o.drift !== undefined && o.drift !== o.potential;
  /** Step k (0-based, from grid[k] to grid[k+1]) carries Feynman–Kac weights. */
  const fkActive = (k: number) => spec.weights !== 'none' && k < o.steps && grid[k + 1] >= tOff - 1e-12;
  // ΔU doubles the matMuls of an evaluation (secondOrder.ts): only where the next step uses it.
  const needFor = (k: number): Need => (fkActive(k) ? { lap: true, dt: true } : {});
  let x = tf.tidy(() => normals().mul(sde.priorStd)) as tf.Tensor2D;
  let target = evaluateInBlocks(o.potential, x, 1, needFor(0));
  let drift = separateDrift ? evaluateInBlocks(o.drift!, x, 1, { lap: fkActive(0) }) : undefined;
  const driftOf = () => drift ?? target;
  /** Values at the particles' new positions, for step `next`. */
  const reevaluate = (t: number, next: number) => {
    disposeValues(target);
    disposeValues(drift);
    target = evaluateInBlocks(o.potential, x, t, needFor(next));
    drift = separateDrift ? evaluateInBlocks(o.drift!, x, t, { lap: fkActive(next) }) : undefined;
  };

  let logw = new Float64Array(n);
  if (weighted) {
    // log w₀ = −β·U(x, 1) − log prior(x), prior N(0, priorStd²·I).
    const init = tf.tidy(() => target.u.mul(-beta).add(x.square().sum(1).div(2 * sde.priorStd ** 2)));
    logw = Float64Array.from(init.dataSync());
    init.dispose();
  }
  let ancestors = Int32Array.from({ length: n }, (_, i) => i);
  const trace: SampleTrace = { t: [], ess: [], gSpread: [], resampled: [] };
  const msPerStep: number[] = [];
  let resampleCount = 0;

  const doResample = () => {
    const idx = resample(logw, scheme, resampleRng);
    const old = x;
    x = gatherRows(x, idx);
    const [t2, d2] = [gatherValues(target, idx), drift && gatherValues(drift, idx)];
    disposeValues(target);
    disposeValues(drift);
    [target, drift] = [t2, d2];
    old.dispose();
    ancestors = ancestors.map((_, i) => ancestors[idx[i]]);
    logw = new Float64Array(n);
    resampleCount += 1;
  };
  const addToLogw = (inc: tf.Tensor1D, step: number, t: number) => {
    const d = inc.dataSync();
    for (let i = 0; i < n; i++) logw[i] += d[i];
    if (!logw.every(Number.isFinite)) throw new NonFiniteWeightsError(step, t);
  };
  /** Langevin step size from the signal-to-noise rule ε = 2(r‖ξ‖/‖s‖)² (mean norms over particles). */
  const langevinEps = (score: tf.Tensor2D, xi: tf.Tensor2D) =>
    tf.tidy(() => {
      const sNorm = score.norm('euclidean', 1).mean().dataSync()[0];
      const xiNorm = xi.norm('euclidean', 1).mean().dataSync()[0];
      return 2 * ((snr * xiNorm) / Math.max(sNorm, 1e-12)) ** 2;
    });

  try {
    for (let k = 0; k < o.steps; k++) {
      const started = performance.now();
      const t = grid[k];
      const tn = grid[k + 1];
      const h = t - tn;
      const f = sde.f(t);
      const g2 = sde.g2(t);
      const g = Math.sqrt(g2);
      const active = weighted && tn >= tOff - 1e-12;
      const fk = fkActive(k);
      let inc: tf.Tensor1D | undefined;
      let gSpread = NaN;

      // Predictor.
      // `centres` are the deterministic parts mᵢ = xᵢ + h·v of the EM move: ρ̂'s kernel centres.
      const { xNext, centres } = tf.tidy((): { xNext: tf.Tensor2D; centres?: tf.Tensor2D } => {
        const v = x.mul(-f).sub(driftOf().grad.mul(c * g2)) as tf.Tensor2D;
        if (fk) {
          const G = fkRate({ v, target, driftLap: driftOf().lap!, f, g2, beta, c });
          gSpread = std(G.dataSync());
          inc = tf.keep(G.mul(spec.weights === 'wfr' ? Math.exp(-alpha * h) * h : h)) as tf.Tensor1D;
        }
        if (spec.predictor === 'em') {
          const m = x.add(v.mul(h)) as tf.Tensor2D;
          return { xNext: m.add(normals().mul(g * Math.sqrt(h))) as tf.Tensor2D, centres: m };
        }
        const odeDrift = (xx: tf.Tensor2D, grad: tf.Tensor2D, ff: number, gg2: number) => xx.mul(-ff).sub(grad.mul(0.5 * c * gg2));
        const d1 = odeDrift(x, driftOf().grad, f, g2);
        const euler = x.add(d1.mul(h)) as tf.Tensor2D;
        if (spec.predictor === 'ode') return { xNext: euler, centres: undefined };
        const p = o.drift && separateDrift ? o.drift : o.potential;
        const d2 = odeDrift(euler, p.evaluate(euler, tn).grad, sde.f(tn), sde.g2(tn));
        const heun = x.add(d1.add(d2).mul(h / 2)) as tf.Tensor2D;
        return { xNext: heun, centres: undefined };
      });
      x.dispose();
      x = xNext;
      reevaluate(tn, k + 1);

      if (inc && spec.weights === 'wfr') {
        // Reaction toward π̂ = exp(−β·U(·, t−h)) against the moved cloud's density ρ̂:
        // Δlog w = (1 − δ)·G·h + δ·(−β·U(x', t−h) − log ρ̂(x')), δ = 1 − e^{−αh}.
        const delta = 1 - Math.exp(-alpha * h);
        const b = Math.max(g * Math.sqrt(h), bMin);
        const fkPart: tf.Tensor1D = inc;
        if (!centres) throw new Error('the wfr reaction needs a stochastic (em) predictor');
        const m = centres;
        inc = tf.tidy(() => fkPart.add(target.u.mul(-beta).sub(logRho(x, m, b)).mul(delta))) as tf.Tensor1D;
        fkPart.dispose();
      }
      centres?.dispose();
      if (inc) {
        addToLogw(inc, k + 1, tn);
        inc.dispose();
      }

      // Corrector at the new level t − h.
      if (corrector === 'langevin' || (corrector === 'wfr' && tn >= tOff - 1e-12)) {
        if (corrector === 'wfr' && effectiveSampleSize(logw) < n - 1e-6) doResample();
        const xi = normals();
        const score = tf.tidy(() => driftOf().grad.mul(-c)) as tf.Tensor2D;
        const eps = langevinEps(score, xi);
        const y = tf.tidy(() => x.add(score.mul(eps))) as tf.Tensor2D;
        const moved = tf.tidy(() => y.add(xi.mul(Math.sqrt(2 * eps)))) as tf.Tensor2D;
        x.dispose();
        x = moved;
        reevaluate(tn, k + 1);
        if (corrector === 'wfr') {
          const b = Math.max(Math.sqrt(2 * eps), bMin);
          const w = tf.tidy(() => target.u.mul(-beta).sub(logRho(x, y, b)).mul(1 - Math.exp(-eps))) as tf.Tensor1D;
          addToLogw(w, k + 1, tn);
          w.dispose();
        }
        tf.dispose([xi, score, y]);
      }

      const ess = weighted ? effectiveSampleSize(logw) : n;
      let resampled = false;
      if (weighted && (active || corrector === 'wfr')) {
        const every = spec.weights === 'wfr' && alpha > 0;
        if ((every && ess < n - 1e-6) || ess < threshold * n) {
          doResample();
          resampled = true;
        }
      }
      trace.t.push(tn);
      trace.ess.push(ess);
      trace.gSpread.push(gSpread);
      trace.resampled.push(resampled);
      msPerStep.push(performance.now() - started);
      if (o.onStep) await o.onStep({ step: k + 1, steps: o.steps, t: tn, x, ess, weights: weighted ? normalizeWeights(logw) : undefined });
    }

    if (weighted && !o.keepWeights && effectiveSampleSize(logw) < n - 1e-6) doResample();
    const points = x.dataSync() as Float32Array;
    if (!points.every(Number.isFinite)) throw new Error('samples became non-finite (try more --steps)');
    const warnings: string[] = [];
    if (weighted) {
      const minEss = Math.min(...trace.ess);
      const at = trace.ess.indexOf(minEss);
      if (minEss < ESS_COLLAPSE * n) {
        warnings.push(
          `the weights collapsed: ESS fell to ${minEss.toFixed(1)} of ${n} at step ${at + 1} (t = ${trace.t[at].toPrecision(3)}); ` +
            `${new Set(ancestors).size} distinct ancestors survive` +
            (spec.weights === 'fk' && beta !== 1 ? '. fk alone is not for β ≠ 1: use wfr' : ''),
        );
      }
    }
    return {
      warnings,
      points: Float32Array.from(points),
      weights: weighted && o.keepWeights ? normalizeWeights(logw) : undefined,
      trace,
      resampleCount,
      distinctAncestors: new Set(ancestors).size,
      msPerStep,
    };
  } finally {
    x.dispose();
    disposeValues(target);
    disposeValues(drift);
  }
}
