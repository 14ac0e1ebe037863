// The data behind a checkpoint's samples, drawn faint under them in pictures: the shipped
// reference draw of a built-in dataset, or the training CSV the checkpoint names. The name
// comes from an untrusted checkpoint, so only a regular file under a size cap is read.

import { readCheckedText } from './checkedFile.js';
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
  if (!file) return { skipped: 'the checkpoint names no data file' };
  try {
    return { points: parsePointsCsv(readCheckedText(file, { what: 'the data file', maxBytes: MAX_REFERENCE_BYTES }), file) };
  } catch (e) {
    return { skipped: (e as Error).message };
  }
}
