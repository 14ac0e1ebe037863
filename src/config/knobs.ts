// One description per setting: its default, range, choices and help. A concern (sampling,
// training) keeps one such table; CLI flags, validation, help text, JSON reports and the demo's
// controls are derived from it, so a setting is written down once. Browser-safe.

export type KnobKind = 'number' | 'integer' | 'string' | 'boolean' | 'integers';

export interface Knob {
  kind: KnobKind;
  /** The default; undefined means "decided elsewhere" (e.g. by the checkpoint), said in `help`. */
  default?: number | string | boolean | number[];
  help: string;
  /** The allowed names of a string knob. */
  choices?: readonly string[];
  /** Inclusive bounds of a number; `gt`/`lt` are exclusive ones. */
  min?: number;
  max?: number;
  gt?: number;
  lt?: number;
  /** The flag's name when it is not the kebab-case of the field's. */
  flag?: string;
  /** A unit or a symbol shown in help and the demo (e.g. 'α'). */
  symbol?: string;
  /** May change when a run is continued (`--resume`); the saved run fixes every other knob. */
  resumable?: boolean;
}

export type Knobs = Record<string, Knob>;

/** The values a knob table describes, by field. */
export type KnobValues = Record<string, unknown>;

export const kebab = (s: string) => s.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase());

/** The command-line flag of a field. */
export const flagOf = (knobs: Knobs, field: string) => knobs[field].flag ?? kebab(field);

/** The range of a numeric knob in words, e.g. "in (0, 1]" or "≥ 0". */
export function rangeText(k: Knob): string {
  const lo = k.gt !== undefined ? `(${k.gt}` : k.min !== undefined ? `[${k.min}` : undefined;
  const hi = k.lt !== undefined ? `${k.lt})` : k.max !== undefined ? `${k.max}]` : undefined;
  if (lo && hi) return `in ${lo}, ${hi}`;
  if (lo) return k.gt !== undefined ? `> ${k.gt}` : `≥ ${k.min}`;
  if (hi) return k.lt !== undefined ? `< ${k.lt}` : `≤ ${k.max}`;
  return '';
}

/** Why a value is not valid for a knob, or undefined when it is. */
export function knobProblem(k: Knob, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const inRange = (x: number) =>
    Number.isFinite(x) && !(k.min !== undefined && x < k.min) && !(k.max !== undefined && x > k.max) && !(k.gt !== undefined && x <= k.gt) && !(k.lt !== undefined && x >= k.lt);
  const range = rangeText(k);
  switch (k.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `must be true or false, got ${String(v)}`;
    case 'string':
      if (typeof v !== 'string') return `must be a string, got ${String(v)}`;
      return k.choices && !k.choices.includes(v) ? `must be one of ${k.choices.join(', ')}, got '${v}'` : undefined;
    case 'number':
      return typeof v === 'number' && inRange(v) ? undefined : `must be a finite number${range ? ' ' + range : ''}, got ${String(v)}`;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && inRange(v) ? undefined : `must be an integer${range ? ' ' + range : ''}, got ${String(v)}`;
    case 'integers':
      return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isInteger(x) && inRange(x))
        ? undefined
        : `must be a comma-separated list of integers${range ? ' ' + range : ''}, got ${Array.isArray(v) ? v.join(',') : String(v)}`;
  }
}

export class KnobError extends Error {
  constructor(
    readonly field: string,
    readonly flag: string,
    problem: string,
  ) {
    super(`--${flag} ${problem}`);
  }
}

/** Throws a KnobError naming the flag of the first field whose value is out of range. */
export function validateKnobs(knobs: Knobs, values: KnobValues): void {
  for (const [field, k] of Object.entries(knobs)) {
    const problem = knobProblem(k, values[field]);
    if (problem) throw new KnobError(field, flagOf(knobs, field), problem);
  }
}

/** Every field's default (fields without one are left out). */
export function knobDefaults(knobs: Knobs): KnobValues {
  const out: KnobValues = {};
  for (const [field, k] of Object.entries(knobs)) if (k.default !== undefined) out[field] = Array.isArray(k.default) ? k.default.slice() : k.default;
  return out;
}

type ValueOf<K extends Knob> = K['kind'] extends 'boolean'
  ? boolean
  : K['kind'] extends 'string'
    ? K['choices'] extends readonly (infer C)[]
      ? C
      : string
    : K['kind'] extends 'integers'
      ? number[]
      : number;

/** The typed values of a knob table: fields with a default are required, the others optional. */
export type ValuesOf<T extends Knobs> = {
  -readonly [F in keyof T as T[F] extends { default: unknown } ? F : never]: ValueOf<T[F]>;
} & {
  -readonly [F in keyof T as T[F] extends { default: unknown } ? never : F]?: ValueOf<T[F]>;
};
