// The time-score target's posterior mean over a reference set of data points (docs/math.md §2):
// given x_t, each reference x_m is the origin with probability ∝ N(x_t; α x_m, σ² I), and the
// single-sample target averaged under those odds is its conditional expectation given x_t and the
// set — the same regression target in expectation, with far less variance where modes overlap.

import type { SDE } from '../sde.js';

/**
 * Replaces `target[i]` by Σ_m w_im T(x_t,i; x_m), w_im ∝ N(x_t,i; α_i x_m, σ_i² I), over the set
 * {the row's own x₀} ∪ {ref_0 … ref_{R−1}}. `selfInRef[i]` says the row's x₀ is already ref_i (the
 * batch's own points are the reference's head), so it is not counted twice. Because every point
 * of the set is an independent draw of the data law and one of them (the row's own) produced
 * x_t, the odds are the exact posterior of which one did: no bias for any R.
 */
export function posteriorTimeTarget(o: {
  sde: SDE;
  xt: Float32Array;
  x0: Float32Array;
  t: Float32Array;
  ref: Float32Array;
  /** How many of the batch rows' own x₀ are the head of `ref` (row i < selfCount is ref_i). */
  selfCount: number;
  target: Float32Array;
  /** Conditional training: each row's class (−1: null) and each reference point's; a row with a class averages over its class's points only. */
  rowLabels?: Int32Array;
  refLabels?: Int32Array;
}): void {
  const n = o.t.length;
  const r = o.ref.length / 2;
  // Squared distances of the set's points to x_t / α (the last slot: the row's own x₀); typed
  // scratch and no per-point allocation, since this runs B × (R + 1) times a step.
  const d2 = new Float64Array(r + 1);
  for (let i = 0; i < n; i++) {
    const t = o.t[i];
    const a = o.sde.alpha(t);
    const s = o.sde.sigma(t);
    const rs = o.sde.dSigma(t) / s;
    const ra = o.sde.dAlpha(t) / s;
    const x1 = o.xt[2 * i];
    const x2 = o.xt[2 * i + 1];
    const h = -0.5 / (s * s);
    // The row's own x₀ is a separate slot unless it is in the reference's head.
    const count = i < o.selfCount ? r : r + 1;
    const cls = o.rowLabels ? o.rowLabels[i] : -1;
    let min = Infinity;
    for (let m = 0; m < count; m++) {
      const own = m === r;
      if (!own && cls >= 0 && o.refLabels![m] !== cls) {
        d2[m] = Infinity;
        continue;
      }
      const e1 = x1 - a * (own ? o.x0[2 * i] : o.ref[2 * m]);
      const e2 = x2 - a * (own ? o.x0[2 * i + 1] : o.ref[2 * m + 1]);
      const q = e1 * e1 + e2 * e2;
      d2[m] = q;
      if (q < min) min = q;
    }
    let sw = 0;
    let sum = 0;
    for (let m = 0; m < count; m++) {
      const lw = h * (d2[m] - min);
      if (!(lw >= -40)) continue; // e⁻⁴⁰: below float precision against the largest odds
      const w = Math.exp(lw);
      const own = m === r;
      const p1 = own ? o.x0[2 * i] : o.ref[2 * m];
      const p2 = own ? o.x0[2 * i + 1] : o.ref[2 * m + 1];
      const z1 = (x1 - a * p1) / s;
      const z2 = (x2 - a * p2) / s;
      sum += w * (rs * (z1 * z1 + z2 * z2 - 2) + ra * (z1 * p1 + z2 * p2));
      sw += w;
    }
    o.target[i] = sum / sw;
  }
}
