// Writes data/<name>.csv: 4000 reference draws of every built-in dataset (fixed seed), used by
// tests, evaluation floors, plots and the browser demo. Run: npm run data.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { join } from 'node:path';
import { DATASET_NAMES, getDataset } from '../src/data/datasets.js';
import { formatSamplesCsv } from '../src/data/csv.js';
import { checkOutDir, mkdirs, writeFileAtomic } from '../src/node/files.js';
import { run } from '../src/cli/common.js';
import { rmSync } from 'node:fs';
import { Rng } from '../src/rng.js';

export const REFERENCE_SIZE = 4000;
export const REFERENCE_SEED = 2024;

const argv = await yargs(hideBin(process.argv))
  .scriptName('npm run data --')
  .usage(
    'Usage: $0 [--out DIR] [--dataset NAME]...\n\n' +
      `Write the reference draws of the built-in datasets: ${REFERENCE_SIZE} points of each (seed ${REFERENCE_SEED}, so the files ` +
      'are the same on every machine) as <out>/<name>.csv with header x,y. Tests, evaluation floors, plots and the browser demo read them.',
  )
  .options({
    out: { type: 'string', default: 'data', desc: 'output directory' },
    dataset: { type: 'string', array: true, choices: DATASET_NAMES, desc: 'only these datasets (default: all)' },
  })
  .example('$0', `rewrite data/*.csv for all ${DATASET_NAMES.length} datasets`)
  .example('$0 --dataset two-moons --out /tmp/ref', 'one dataset into another folder')
  .strict()
  .parseAsync();

// The folder is checked and made (one level at a time: never hangs under /proc) before any
// draw; errors are one line naming --out, and a refused run leaves no folder behind.
run(async () => {
  checkOutDir(argv.out);
  let created: string | undefined;
  try {
    created = mkdirs(argv.out);
  } catch (e) {
    throw new Error(`--out ${JSON.stringify(argv.out)}: cannot create the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    for (const name of argv.dataset ?? DATASET_NAMES) {
      const pts = getDataset(name).sample(new Rng(REFERENCE_SEED, `reference:${name}`), REFERENCE_SIZE);
      const file = join(argv.out, `${name}.csv`);
      writeFileAtomic(file, formatSamplesCsv(pts));
      console.log(`${file}: ${REFERENCE_SIZE} points`);
    }
  } catch (e) {
    if (created) rmSync(created, { recursive: true, force: true });
    throw new Error(`--out ${JSON.stringify(argv.out)}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
});
