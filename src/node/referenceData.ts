// The data behind a checkpoint's samples, drawn faint under them in pictures: the shipped
// reference draw of a built-in dataset, or the training CSV the checkpoint names. The name
// comes from an untrusted checkpoint, so only a regular file under a size cap is read.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelMeta } from '../checkpointSchema.js';
import { parsePointsCsv } from '../data/csv.js';
import { DATASETS, type Points } from '../data/datasets.js';

/** Reference CSVs larger than this are not read for a picture. */
export const MAX_REFERENCE_BYTES = 64 * 1024 * 1024;

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../data');

/** The reference points, or undefined (with the reason) when there are none to draw. */
export function referencePoints(meta: ModelMeta): { points?: Points; skipped?: string } {
  const file = DATASETS[meta.dataset.name] ? join(DATA_DIR, `${meta.dataset.name}.csv`) : meta.dataset.file;
  if (!file || !existsSync(file)) return { skipped: file ? `${file} does not exist` : 'the checkpoint names no data file' };
  const st = statSync(file);
  if (!st.isFile()) return { skipped: `${file} is not a regular file` };
  if (st.size > MAX_REFERENCE_BYTES) return { skipped: `${file} is larger than ${MAX_REFERENCE_BYTES / 2 ** 20} MB` };
  try {
    return { points: parsePointsCsv(readFileSync(file, 'utf8'), file) };
  } catch (e) {
    return { skipped: (e as Error).message };
  }
}
