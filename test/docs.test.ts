// The README's flag tables are made from the knob tables (npm run docs): this fails when a knob
// changed and the README did not, so the documented defaults and ranges are the enforced ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeWithTables } from '../scripts/docs.js';
import { markdownFlagTable } from '../src/cli/flagTable.js';
import { SAMPLE_KNOBS } from '../src/sampling/settings.js';

describe('README flag tables', () => {
  it('are current (run npm run docs after changing a knob)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readmeWithTables(readme) === readme, 'README.md flag tables are out of date: npm run docs').toBe(true);
  });

  it('list every sampling knob with its default, range and choices', () => {
    const table = markdownFlagTable(SAMPLE_KNOBS);
    expect(table).toContain('| `--steps` | `100` | ≥ 1 |');
    expect(table).toContain('| `--t-off` |  | in [0, 1] |');
    expect(table).toContain('`systematic` `stratified` `multinomial` `birth-death`');
    expect(table.split('\n')).toHaveLength(2 + Object.keys(SAMPLE_KNOBS).length);
  });
});
