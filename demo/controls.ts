// The page's controls built from the knob tables the CLIs parse (SAMPLE_KNOBS, TRAIN_KNOBS):
// each control's range, choices and help come from its knob, so the page refuses what the CLI
// refuses, in the page's words ("N (particles) must be …").

import { knobProblem, type Knob, type Knobs } from '../src/config/knobs.js';
import { pageBoundProblem } from './pageParams.js';

export interface ControlSpec {
  /** Field of the knob table. */
  field: string;
  label: string;
  /** The page's default where the CLI's would be slow to watch. */
  pageDefault?: number | string | number[];
  /** URL parameter that presets it (default: the field). */
  param?: string;
  /** The entry of PAGE_LIMITS that bounds it in the page. */
  pageBound?: string;
}

/** Options built as elements (never innerHTML: names can come from a checkpoint). */
export function fillSelect(sel: HTMLSelectElement, options: (string | { value: string; text: string; disabled?: boolean; title?: string; color?: string })[], selected?: string): void {
  sel.replaceChildren(
    ...options.map((opt) => {
      const o = document.createElement('option');
      const { value, text, disabled, title, color } = typeof opt === 'string' ? { value: opt, text: opt, disabled: false, title: undefined, color: undefined } : opt;
      o.value = value;
      o.textContent = text;
      o.disabled = !!disabled;
      if (title) o.title = title;
      if (color) o.style.color = color;
      o.selected = value === selected;
      return o;
    }),
  );
}

const initial = (k: Knob, c: ControlSpec, params: URLSearchParams) => {
  const v = params.get(c.param ?? c.field) ?? c.pageDefault ?? k.default ?? '';
  return Array.isArray(v) ? v.join(',') : String(v);
};

/** Appends one labelled input (or select, for a knob with choices) per spec to `box`; ids are `${prefix}${field}`. */
export function buildControls(box: HTMLElement, knobs: Knobs, specs: ControlSpec[], params: URLSearchParams, prefix = ''): void {
  for (const c of specs) {
    const k = knobs[c.field];
    const label = document.createElement('label');
    label.title = k.help;
    label.append(`${c.label} `);
    let input: HTMLInputElement | HTMLSelectElement;
    if (k.kind === 'boolean') {
      // A switch: checked when the link says 1 or true (or the knob defaults to on).
      input = Object.assign(document.createElement('input'), { type: 'checkbox' });
      input.checked = ['1', 'true'].includes(initial(k, c, params));
    } else if (k.choices) {
      input = document.createElement('select');
      fillSelect(input, [...k.choices], initial(k, c, params));
    } else {
      input = document.createElement('input');
      const numeric = k.kind === 'number' || k.kind === 'integer';
      Object.assign(input, { type: numeric ? 'number' : 'text', step: k.kind === 'integer' ? '1' : 'any' });
      if (numeric && (k.min ?? k.gt) !== undefined) input.min = String(k.min ?? k.gt);
      if (numeric && k.max !== undefined) input.max = String(k.max);
      if (!numeric) input.size = 10;
      input.value = initial(k, c, params);
    }
    input.id = `${prefix}${c.field}`;
    label.append(input);
    box.append(label);
  }
}

export class ControlError extends Error {}

/** A control's value as the link writes it: a switch is 'true' when on and '' when off (a knob without a default is off). */
export function controlText(id: string): string {
  const el = document.getElementById(id) as HTMLInputElement;
  return el.type === 'checkbox' ? (el.checked ? 'true' : '') : el.value.trim();
}

/** The controls' values, each checked by its knob; the first problem is thrown in the page's words. */
export function readControls(knobs: Knobs, specs: ControlSpec[], prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of specs) {
    const k = knobs[c.field];
    const raw = controlText(`${prefix}${c.field}`);
    if (k.kind === 'boolean') {
      // Off is absent, as an unset flag is (a knob like --conditional has no default).
      if (raw === 'true') out[c.field] = true;
      else if (k.default !== undefined) out[c.field] = false;
      continue;
    }
    // An empty box of a knob without a default is the flag not given (e.g. --stop-when-good).
    if (raw.trim() === '' && k.default === undefined) continue;
    const num = (s: string) => (s === '' ? NaN : Number(s));
    const v = k.kind === 'integers' ? raw.split(',').map((s) => num(s.trim())) : k.kind === 'number' || k.kind === 'integer' ? num(raw) : raw;
    const problem = knobProblem(k, v);
    const label = c.label.charAt(0).toUpperCase() + c.label.slice(1);
    if (problem) throw new ControlError(`${label} ${problem.replace(/^must be an integer/, 'must be a whole number')}`);
    // The page's own bounds on cost (pageParams.ts), beyond the knob's range.
    const bound = c.pageBound && typeof v === 'number' ? pageBoundProblem(c.pageBound, v) : undefined;
    if (bound) throw new ControlError(bound);
    out[c.field] = v;
  }
  return out;
}
