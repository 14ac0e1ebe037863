// Writes data/<name>.csv: 4000 reference draws of every built-in dataset (fixed seed), used by
// tests, evaluation floors, plots and the browser demo. Run: npm run data.
import { DATASET_NAMES, getDataset } from '../src/data/datasets.js';
import { formatSamplesCsv } from '../src/data/csv.js';
import { writeFileAtomic } from '../src/node/files.js';
import { Rng } from '../src/rng.js';

export const REFERENCE_SIZE = 4000;
export const REFERENCE_SEED = 2024;

for (const name of DATASET_NAMES) {
  const pts = getDataset(name).sample(new Rng(REFERENCE_SEED, `reference:${name}`), REFERENCE_SIZE);
  writeFileAtomic(`data/${name}.csv`, formatSamplesCsv(pts));
  console.log(`data/${name}.csv: ${REFERENCE_SIZE} points`);
}
