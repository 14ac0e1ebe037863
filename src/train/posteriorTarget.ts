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
  const lw = new Float64Array(r + 1);
  for (let i = 0; i < n; i++) {
    const t = o.t[i];
    const [a, s] = [o.sde.alpha(t), o.sde.sigma(t)];
    const [rs, ra] = [o.sde.dSigma(t) / s, o.sde.dAlpha(t) / s];
    const [x1, x2] = [o.xt[2 * i], o.xt[2 * i + 1]];
    const h = -0.5 / (s * s);
    // Log-odds of each origin (the set's last slot is the row's own x₀ unless it is in the head).
    const own = i < o.selfCount ? -1 : r;
    let max = -Infinity;
    const cls = o.rowLabels ? o.rowLabels[i] : -1;
    for (let m = 0; m < r; m++) {
      if (cls >= 0 && o.refLabels![m] !== cls) {
        lw[m] = -Infinity;
        continue;
      }
      const d1 = x1 - a * o.ref[2 * m];
      const d2 = x2 - a * o.ref[2 * m + 1];
      lw[m] = h * (d1 * d1 + d2 * d2);
      if (lw[m] > max) max = lw[m];
    }
    if (own === r) {
      const d1 = x1 - a * o.x0[2 * i];
      const d2 = x2 - a * o.x0[2 * i + 1];
      lw[r] = h * (d1 * d1 + d2 * d2);
      if (lw[r] > max) max = lw[r];
    }
    let [sw, sum] = [0, 0];
    const count = own === r ? r + 1 : r;
    for (let m = 0; m < count; m++) {
      const d = lw[m] - max;
      if (!(d >= -40)) continue; // e⁻⁴⁰: below float precision against the largest odds
      const w = Math.exp(d);
      const [p1, p2] = m < r ? [o.ref[2 * m], o.ref[2 * m + 1]] : [o.x0[2 * i], o.x0[2 * i + 1]];
      const z1 = (x1 - a * p1) / s;
      const z2 = (x2 - a * p2) / s;
      sum += w * (rs * (z1 * z1 + z2 * z2 - 2) + ra * (z1 * p1 + z2 * p2));
      sw += w;
    }
    o.target[i] = sum / sw;
  }
}
