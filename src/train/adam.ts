// Adam on plain Float32Arrays (one per parameter tensor), written out so its moments can be
// saved and restored exactly (resumed runs continue with the same optimizer state) and the
// learning rate can follow a schedule. In JS rather than as tfjs ops: ~37k numbers a step made
// ~60 tiny kernels (~1.5 ms on wasm); one loop over them costs a tenth of that.

export class Adam {
  readonly m: Float32Array[];
  readonly v: Float32Array[];
  /** Number of updates applied so far (for bias correction). */
  t = 0;

  constructor(
    sizes: number[],
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
  ) {
    this.m = sizes.map((s) => new Float32Array(s));
    this.v = sizes.map((s) => new Float32Array(s));
  }

  /** Updates `params` in place. A missing gradient (a parameter the loss does not depend on) is skipped. */
  apply(params: Float32Array[], grads: (Float32Array | undefined)[], lr: number): void {
    this.t += 1;
    const { beta1: b1, beta2: b2, eps } = this;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    grads.forEach((g, i) => {
      if (!g) return;
      const [p, m, v] = [params[i], this.m[i], this.v[i]];
      for (let j = 0; j < g.length; j++) {
        m[j] = b1 * m[j] + (1 - b1) * g[j];
        v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
        p[j] -= (lr * (m[j] / c1)) / (Math.sqrt(v[j] / c2) + eps);
      }
    });
  }
}
