// The guidance weight w described once: its default (1 with a class), its range (w ≥ 0: the
// tilted law is normalisable for every such w) and its help. `--guidance`, the core's check and
// the page's "guidance w" control all derive from it. Browser-safe.

import { knobProblem, type Knobs } from '../config/knobs.js';

export const GUIDANCE_KNOBS = {
  guidance: {
    kind: 'number',
    default: 1,
    min: 0,
    symbol: 'w',
    help: 'guidance weight w ≥ 0 of the class: the target p(x|c)^w·p(x)^(1−w), a product of the conditional and unconditional potentials with exponents (w, 1 − w); em samples it the usual biased way (classifier-free guidance), fk and wfr weight toward it (default 1 with a class)',
  },
} as const satisfies Knobs;

/** The guidance weight w, checked against GUIDANCE_KNOBS (p ≥ π_c·p(x|c) bounds p^{1−w} when w > 1). */
export function checkGuidance(w: number, what = '--guidance'): void {
  if (knobProblem(GUIDANCE_KNOBS.guidance, w)) throw new Error(`${what} must be a finite number ≥ ${GUIDANCE_KNOBS.guidance.min} (the exponent of p(x|c); 1 − w goes to p(x)), got ${w}`);
}
