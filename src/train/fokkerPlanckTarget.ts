// A time-score target from the model's own score (docs/math.md §2): the marginals of
// dx = f x dt + g dW obey ∂ₜp = −∇·(f x p) + ½g²Δp, so with log p = −U
//   ∂ₜ log p_t = −f d + f⟨x, ∇U⟩ + ½g²(‖∇U‖² − ΔU),
// which has no sampling noise: where DSM has the score right, this is ∂ₜ log p_t exactly, and
// between separated modes it carries the masses down with the flow (no flux, no drift).

import type { SDE } from '../sde.js';

/** target[i] ← −f d + f⟨x_i, ∇U_i⟩ + ½g²(‖∇U_i‖² − ΔU_i) at t_i (d = 2): a regression target for −∂ₜU. */
export function fokkerPlanckTarget(o: { sde: SDE; xt: Float32Array; t: Float32Array; grad: Float32Array; lap: Float32Array; target: Float32Array }): void {
  for (let i = 0; i < o.t.length; i++) {
    const [f, g2] = [o.sde.f(o.t[i]), o.sde.g2(o.t[i])];
    const [g1, g2x] = [o.grad[2 * i], o.grad[2 * i + 1]];
    const xg = o.xt[2 * i] * g1 + o.xt[2 * i + 1] * g2x;
    o.target[i] = -2 * f + f * xg + 0.5 * g2 * (g1 * g1 + g2x * g2x - o.lap[i]);
  }
}
