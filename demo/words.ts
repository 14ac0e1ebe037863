// Errors in the page's words: the core's errors about settings come as pieces (SettingsError,
// src/config/settingsError.ts) that name each setting by its flag; the page names it by the label
// of the control that sets it ("N (particles) must be …") and leaves out the source-file pointers
// meant for CLI users. Other errors are shown as they are.

import { flagOf, type Knobs } from '../src/config/knobs.js';
import { piecesOf, word } from '../src/config/settingsError.js';

/** Labels by flag, e.g. { n: 'N (particles)' }, built from the knob tables the controls come from. */
export function labelsByFlag(tables: { knobs: Knobs; labels: Record<string, string> }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { knobs, labels } of tables) for (const [field, label] of Object.entries(labels)) out[flagOf(knobs, field)] = label;
  return out;
}

export function inPageWords(e: unknown, labels: Record<string, string>): string {
  const pieces = piecesOf(e);
  if (!pieces) return e instanceof Error ? e.message : typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e);
  const text = word(pieces, (flag) => labels[flag] ?? `the ${flag.replace(/-/g, ' ')} setting`, () => '');
  // A sentence that starts with a control's label starts with a capital.
  return typeof pieces[0] === 'object' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
