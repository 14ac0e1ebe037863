// `npm run docs`: regenerates the flag tables of docs/guide.md from the knob tables (train,
// sample) and the API reference docs/api.md from the doc comments (scripts/apiReference.ts) — the
// one way those are made; `--check` only says whether they are current.

import { readFileSync, writeFileSync } from 'node:fs';
import { API_PAGE, apiReference } from './apiReference.js';
import { cli, run } from '../src/cli/common.js';
import { markdownFlagTable, withTable } from '../src/cli/flagTable.js';
import { TRAIN_COMMAND_KNOBS } from '../src/cli/trainFlags.js';
import { SAMPLE_KNOBS } from '../src/sampling/settings.js';
import { TRAIN_KNOBS } from '../src/train/config.js';

/** The page that holds the generated tables, from the repository root. */
export const GUIDE = 'docs/guide.md';

/** `page` with its train and sample flag tables made from the knob tables. */
export function pageWithTables(page: string): string {
  const train = withTable(page, 'train', markdownFlagTable({ ...TRAIN_KNOBS, ...TRAIN_COMMAND_KNOBS }));
  return withTable(train, 'sample', markdownFlagTable(SAMPLE_KNOBS));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(async () => {
    const argv = await cli('docs')
      .usage(
        'Usage: $0 [--check]\n\n' +
          `Rewrite the flag tables of ${GUIDE} (between its <!-- knobs:train --> and <!-- knobs:sample --> markers) from ` +
          'the knob tables the commands parse, so documented defaults, ranges and choices are the enforced ones. ' +
          'Run it after adding or changing a flag; a test fails while the tables are stale.',
      )
      .options({ check: { type: 'boolean', default: false, desc: `only report whether ${GUIDE} is current (exit 1 if not); write nothing` } })
      .example('$0', `regenerate the tables in ${GUIDE}`)
      .example('$0 --check', 'exit 1 if they are out of date')
      .parseAsync();
    const file = new URL(`../${GUIDE}`, import.meta.url).pathname;
    const now = readFileSync(file, 'utf8');
    const next = pageWithTables(now);
    const apiFile = new URL(`../${API_PAGE}`, import.meta.url).pathname;
    const api = apiReference(new URL('..', import.meta.url).pathname);
    const apiNow = readFileSync(apiFile, { encoding: 'utf8', flag: 'a+' });
    if (argv.check) {
      if (next !== now || api !== apiNow) {
        console.error(`${next !== now ? `${GUIDE} flag tables` : API_PAGE} out of date: run npm run docs`);
        return 1;
      }
      console.log(`${GUIDE} flag tables and ${API_PAGE} are current`);
    } else {
      writeFileSync(file, next);
      writeFileSync(apiFile, api);
      console.log(`${GUIDE} flag tables regenerated from the knob tables, ${API_PAGE} from the doc comments`);
    }
  });
}
