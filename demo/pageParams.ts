// The page's URL parameters checked before anything runs: an unknown sampler, backend or dataset,
// a step count that is not a positive whole number, or a cost the page cannot bear on its main
// thread (steps, N, β: the exact annealed masses cost grows with β) is a visible error, never
// silently replaced by a default; so is a guidance weight out of --guidance's range or without a
// class. The same bounds apply to what is typed into the controls.

import { SAMPLER_NAMES } from '../src/sampling/samplers.js';
import { guidanceParamProblem } from './classes.js';

/** Backends the page can be forced to (?backend=). */
export const PAGE_BACKENDS = ['webgl', 'wasm', 'cpu'] as const;

/** What one page run may cost: each step is one animation frame; exact masses of p^β take ~β × 0.3 s here. */
export const PAGE_LIMITS: Record<string, { min?: number; max: number; integer?: boolean; words: string }> = {
  steps: { min: 1, max: 5000, integer: true, words: 'steps' },
  n: { min: 1, max: 20_000, integer: true, words: 'N (particles)' },
  beta: { min: 0.05, max: 20, words: 'β' },
  trainSteps: { min: 1, max: 200_000, integer: true, words: 'training steps' },
  threads: { min: 1, max: 64, integer: true, words: 'threads' },
};

/** The problem with a value of a bounded parameter, in the page's words, or undefined. */
export function pageBoundProblem(param: string, value: number): string | undefined {
  const b = PAGE_LIMITS[param];
  if (!b) return undefined;
  const range = `${b.min ?? '−∞'} to ${b.max.toLocaleString('en')}`;
  if (!Number.isFinite(value) || (b.integer && !Number.isInteger(value)) || value < (b.min ?? -Infinity) || value > b.max) {
    return `${b.words.replace(/^[a-z]/, (c) => c.toUpperCase())} must be ${b.integer ? 'a whole number' : 'a number'} from ${range} in the page (got ${value}).`;
  }
  return undefined;
}

/** Every problem with the URL's parameters, as sentences for the page's error line. */
export function pageParamProblems(params: URLSearchParams): string[] {
  const problems: string[] = [];
  for (const side of ['left', 'right']) {
    const v = params.get(side);
    if (v !== null && !SAMPLER_NAMES.includes(v)) problems.push(`There is no sampler “${v}” (?${side}=). Samplers: ${SAMPLER_NAMES.join(', ')}.`);
  }
  for (const key of ['backend', 'trainBackend']) {
    const v = params.get(key);
    if (v !== null && !(PAGE_BACKENDS as readonly string[]).includes(v)) problems.push(`There is no backend “${v}” (?${key}=). Backends: ${PAGE_BACKENDS.join(', ')}.`);
  }
  for (const key of Object.keys(PAGE_LIMITS)) {
    const raw = params.get(key);
    if (raw === null) continue;
    const problem = pageBoundProblem(key, raw.trim() === '' ? NaN : Number(raw));
    if (problem) problems.push(`${problem.replace(/\.$/, '')} (?${key}=${raw}).`);
  }
  // A switch (the conditional training knob) is on by 1 or true, and nothing else is silently off.
  const cond = params.get('conditional');
  if (cond !== null && !['1', 'true'].includes(cond)) problems.push(`“conditional” is a switch: ?conditional=true turns it on (got “${cond}”).`);
  // ?class= itself is checked against the model once it is loaded (classes.ts).
  const guidance = guidanceParamProblem(params);
  if (guidance) problems.push(guidance);
  return problems;
}
