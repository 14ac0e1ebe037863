// Errors in the page's words: the core speaks of command-line flags (`--n must be …`), the page
// of its controls ("N (particles) must be …"). Every flag a message names becomes the label of
// the control that sets it; source-file pointers meant for CLI users are dropped.

import { flagOf, KnobError, type Knobs } from '../src/config/knobs.js';

/** Labels by flag, e.g. { n: 'N (particles)' }, built from the knob tables the controls come from. */
export function labelsByFlag(tables: { knobs: Knobs; labels: Record<string, string> }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { knobs, labels } of tables) for (const [field, label] of Object.entries(labels)) out[flagOf(knobs, field)] = label;
  return out;
}

export function inPageWords(e: unknown, labels: Record<string, string>): string {
  const raw = e instanceof Error ? e.message : String(e);
  const named = (flag: string) => labels[flag] ?? `the ${flag.replace(/-/g, ' ')} setting`;
  const text = e instanceof KnobError ? `${named(e.flag)} ${raw.slice(e.flag.length + 3)}` : raw;
  const words = text.replace(/--([a-z][a-z-]*)/g, (_, flag: string) => named(flag)).replace(/\s*\(src\/[^)]*\)/g, '');
  // A sentence that now starts with a control's label starts with a capital (not file names).
  return /^--/.test(raw) ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}
