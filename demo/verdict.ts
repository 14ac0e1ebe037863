// Whether the weights can help a checkpoint, in words, from what it stores: the mode masses of
// its own density measured at each noise level at the end of training, and the cut-off they set
// (src/sampling/cutoff.ts). A model trained too briefly gets its masses wrong at all but the
// highest noise, so the weights act only where every mode still overlaps: the page says so.

import type { ModelMeta } from '../src/checkpoint.js';
import { cutoffOf, DSM_CUTOFF, MASS_TOLERANCE, TIME_SCORE_CUTOFF } from '../src/sampling/cutoff.js';

export type Verdict = 'helps' | 'partly' | 'too short' | 'exact' | 'unmeasured';

/** The verdict and its sentence for one checkpoint; `tOff` is where the page's weights start (t ≥ tOff). */
export function verdictOf(meta: ModelMeta, tOff: number, label: string): { verdict: Verdict; text: string } {
  const c = cutoffOf(meta);
  if (c.rule === 'exact') return { verdict: 'exact', text: `${label}: the exact potential — its mode masses are right at every t, so the weights act at every step.` };
  const where = `the weights act only for t ≥ ${tOff.toFixed(3)} (noise level σ/α ≥ ${c.noise})`;
  if (c.rule !== 'measured' || !c.masses) {
    return { verdict: 'unmeasured', text: `${label}: no measurement of its mode masses is stored; from how it was trained, ${where}.` };
  }
  const measured = c.masses
    .slice()
    .sort((a, b) => b.noise - a.noise)
    .map((m) => `${m.noise}: ${m.error.toFixed(3)}${m.error <= MASS_TOLERANCE ? ' ✓' : ' ✗'}`)
    .join(', ');
  const head = `${label}: its own mode masses, measured at the end of training (summed error at each σ/α; ✓ within ${MASS_TOLERANCE}): ${measured}. So ${where}`;
  if (c.noise >= DSM_CUTOFF) {
    return {
      verdict: 'too short',
      text: `${head} — only the noisiest part of the run, where the modes still overlap. Too short a training for the weights to help: wfr can do little better than em here. Train longer; the time-score phase teaches the masses.`,
    };
  }
  if (c.noise > TIME_SCORE_CUTOFF) return { verdict: 'partly', text: `${head}: they move mass while the modes are still blurred, not at the end.` };
  return { verdict: 'helps', text: `${head}: down to the end of the run, where they fix the mode masses that em gets wrong.` };
}
