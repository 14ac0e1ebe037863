// `npm run docs`: regenerates the README's flag tables from the knob tables (train, sample);
// `--check` only says whether they are current (a test runs it).

import { readFileSync, writeFileSync } from 'node:fs';
import { markdownFlagTable, withTable } from '../src/cli/flagTable.js';
import { TRAIN_COMMAND_KNOBS } from '../src/cli/trainFlags.js';
import { SAMPLE_KNOBS } from '../src/sampling/settings.js';
import { TRAIN_KNOBS } from '../src/train/config.js';

export function readmeWithTables(readme: string): string {
  const train = withTable(readme, 'train', markdownFlagTable({ ...TRAIN_KNOBS, ...TRAIN_COMMAND_KNOBS }));
  return withTable(train, 'sample', markdownFlagTable(SAMPLE_KNOBS));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('../README.md', import.meta.url).pathname;
  const now = readFileSync(file, 'utf8');
  const next = readmeWithTables(now);
  if (process.argv.includes('--check')) {
    if (next !== now) {
      console.error('README.md flag tables are out of date: run npm run docs');
      process.exit(1);
    }
    console.log('README.md flag tables are current');
  } else {
    writeFileSync(file, next);
    console.log('README.md flag tables regenerated from the knob tables');
  }
}
