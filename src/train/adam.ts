// Adam on tf.Variables, written out so its moments can be saved and restored exactly
// (resumed runs continue with the same optimizer state) and the learning rate can follow a schedule.

import * as tf from '@tensorflow/tfjs';

export class Adam {
  readonly m: tf.Variable[];
  readonly v: tf.Variable[];
  /** Number of updates applied so far (for bias correction). */
  t = 0;

  constructor(
    readonly params: tf.Variable[],
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
  ) {
    // tidy frees the zeros; the variables keep their own reference to the data.
    this.m = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
    this.v = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
  }

  /** A missing gradient (a parameter the loss does not depend on, like U's constant offset) is skipped. */
  apply(grads: (tf.Tensor | undefined)[], lr: number): void {
    this.t += 1;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    tf.tidy(() => {
      grads.forEach((g, i) => {
        if (!g) return;
        const m = this.m[i].mul(this.beta1).add(g.mul(1 - this.beta1));
        const v = this.v[i].mul(this.beta2).add(g.square().mul(1 - this.beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        this.params[i].assign(this.params[i].sub(m.div(c1).div(v.div(c2).sqrt().add(this.eps)).mul(lr)));
      });
    });
  }

  dispose(): void {
    [...this.m, ...this.v].forEach((x) => x.dispose());
  }
}
