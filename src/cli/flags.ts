// Yargs options and parsed values derived from a knob table (config/knobs.ts): the flag of a
// field, its type, default, choices and help come from the table, so a command cannot drift
// from the settings it maps onto. Validation is the table's own (validateKnobs).

import type { Options } from 'yargs';
import { flagOf, rangeText, validateKnobs, type Knob, type Knobs, type KnobValues } from '../config/knobs.js';
import { BACKEND_KNOBS } from '../node/backend.js';
import { UsageError } from './common.js';

function describe(k: Knob): string {
  const range = rangeText(k);
  return range && !k.choices ? `${k.help} (${range})` : k.help;
}

/** Yargs options for every field of `knobs` except `skip`. */
export function yargsOptions(knobs: Knobs, skip: readonly string[] = []): Record<string, Options> {
  const out: Record<string, Options> = {};
  for (const [field, k] of Object.entries(knobs)) {
    if (skip.includes(field)) continue;
    const o: Options = { desc: describe(k) };
    if (k.kind === 'boolean') o.type = 'boolean';
    else if (k.kind === 'string' || k.kind === 'integers') o.type = 'string';
    // Numbers arrive as strings so that "1e39", "0x10" or "" are judged by us, not coerced.
    else o.type = 'string';
    if (k.choices) o.choices = [...k.choices];
    if (k.default !== undefined) o.default = Array.isArray(k.default) ? k.default.join(',') : k.default;
    out[flagOf(knobs, field)] = o;
  }
  return out;
}

/** A number as typed: plain decimal or exponent notation, nothing else ("", "0x10", "1,5" are NaN). */
export function parseNumber(s: string): number {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(s) ? Number(s) : NaN;
}

/** The fields' values from parsed argv (flags given twice are an error naming the flag). */
export function valuesFromArgv(knobs: Knobs, argv: Record<string, unknown>, skip: readonly string[] = []): KnobValues {
  const out: KnobValues = {};
  for (const [field, k] of Object.entries(knobs)) {
    if (skip.includes(field)) continue;
    const flag = flagOf(knobs, field);
    const raw = argv[flag];
    if (raw === undefined) continue;
    if (Array.isArray(raw)) throw new UsageError(`--${flag} was given ${raw.length} times; give it once`);
    if (k.kind === 'number' || k.kind === 'integer') out[field] = typeof raw === 'number' ? raw : parseNumber(String(raw));
    else if (k.kind === 'integers') out[field] = String(raw).split(',').map(parseNumber);
    else out[field] = raw;
  }
  return out;
}

/** --backend and --threads, validated against their table. */
export function backendFromArgv(argv: Record<string, unknown>): { backend: string; threads: number } {
  const values = valuesFromArgv(BACKEND_KNOBS, argv);
  validateKnobs(BACKEND_KNOBS, values);
  return values as { backend: string; threads: number };
}
