// The steps a panel keeps for replay: particles, weights, and the genealogy the sampler reports
// (who was copied from whom at each resampling), from which the trails of a few particles and
// the log-weight colours are drawn.

import type { StepInfo } from '../src/sampling/sample.js';

export interface Frame {
  step: number;
  t: number;
  /** Data coordinates (emptied when memory forbids keeping every step). */
  points: Float32Array;
  weights?: Float64Array;
  /** log(N·w) per particle: the weight the sampler gave it — for a resampled step, its parent's weight just before the copy (what decided the copy). */
  logNw?: Float64Array;
  /** Particle i of this step descends from particle parents[i] of the previous step (resampled steps only). */
  parents?: Int32Array;
  /** Each particle's ancestor among the first step's particles, and how many of those still have descendants. */
  ancestors: Int32Array;
  distinctAncestors: number;
  ess: number;
}

export function frameOf(info: StepInfo, points: Float32Array, n: number): Frame {
  const r = info.resampled;
  const w = r ? Float64Array.from(r.parents, (p) => r.weights[p]) : info.weights;
  return {
    step: info.step,
    t: info.t,
    points,
    weights: info.weights,
    logNw: w && Float64Array.from(w, (v) => Math.log(v * n)),
    parents: r && Int32Array.from(r.parents),
    ancestors: Int32Array.from(info.ancestors),
    distinctAncestors: new Set(info.ancestors).size,
    ess: info.ess / n,
  };
}

/** How many particles get a trail, and how many steps back it reaches (the early steps are far outside the axes: long lines that hide the rest). */
export const TRAILS = 40;
export const TRAIL_STEPS = 4;

/**
 * Paths of TRAILS evenly spaced particles of step k (1-based) back over TRAIL_STEPS steps: at a
 * resampled step a particle's past is its parent's. Stops where a step's points were not kept.
 */
export function trails(frames: Frame[], k: number): Float32Array[] {
  const last = frames[k - 1];
  if (!last?.points.length) return [];
  const n = last.points.length / 2;
  const out: Float32Array[] = [];
  for (let q = 0; q < Math.min(TRAILS, n); q++) {
    let i = Math.floor(((q + 0.5) * n) / Math.min(TRAILS, n));
    const path: number[] = [];
    for (let s = k - 1; s >= Math.max(0, k - 1 - TRAIL_STEPS) && frames[s].points.length; s--) {
      path.push(frames[s].points[2 * i], frames[s].points[2 * i + 1]);
      if (frames[s].parents) i = frames[s].parents![i];
    }
    out.push(Float32Array.from(path));
  }
  return out;
}

/** Distinct ancestors of the particles in each mode: a mode fed by a handful of ancestors has lost its diversity to resampling. */
export function ancestorsPerMode(f: Frame, assign: (x: number, y: number) => number, modes: number): number[] {
  const sets = Array.from({ length: modes }, () => new Set<number>());
  for (let i = 0; i < f.ancestors.length; i++) sets[assign(f.points[2 * i], f.points[2 * i + 1])].add(f.ancestors[i]);
  return sets.map((s) => s.size);
}
