// The flag tables of docs/guide.md are made from the knob tables (npm run docs): this fails when a
// knob changed and the page did not, so the documented defaults and ranges are the enforced ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE, pageWithTables } from '../scripts/docs.js';
import { markdownFlagTable } from '../src/cli/flagTable.js';
import { SAMPLE_KNOBS } from '../src/sampling/settings.js';

describe('docs/guide.md flag tables', () => {
  const guide = readFileSync(join(import.meta.dirname, '..', GUIDE), 'utf8');

  it('are current (run npm run docs after changing a knob)', () => {
    expect(pageWithTables(guide) === guide, `${GUIDE} flag tables are out of date: npm run docs`).toBe(true);
  });

  it('are regenerated between their markers, not appended', () => {
    const stale = guide.replace('| `--steps` | `100` |', '| `--steps` | `99` |');
    expect(stale).not.toBe(guide);
    expect(pageWithTables(stale)).toBe(guide);
  });

  it('list every sampling knob with its default, range and choices', () => {
    const table = markdownFlagTable(SAMPLE_KNOBS);
    expect(table).toContain('| `--steps` | `100` | ≥ 1 |');
    expect(table).toContain('| `--t-off` |  | in [0, 1] |');
    expect(table).toContain('`systematic` `stratified` `multinomial` `birth-death`');
    expect(table.split('\n')).toHaveLength(2 + Object.keys(SAMPLE_KNOBS).length);
  });
});
