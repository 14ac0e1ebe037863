// eval of a large samples file: its cost is bounded up front (the O(n²) pairwise metrics score a
// seeded subsample above a row cap, said in the log and the report), mode weights still count
// every row, and each pass over the samples is announced as it starts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDataset } from '../src/data/datasets.js';
import { modeWeightError, modeWeights, targetModeWeights } from '../src/metrics/modes.js';
import { evalSamplesFile } from '../src/node/evalCommand.js';
import { Rng } from '../src/rng.js';

describe('eval of more rows than the pairwise cap', () => {
  it('subsamples the pairwise metrics, keeps every row for the mode weights, and says so', () => {
    const law = getDataset('eight-gaussians-imbalanced');
    const points = law.sample(new Rng(7, 'test'), 3000);
    const file = join(mkdtempSync(join(tmpdir(), 'wfr-eval-large-')), 's.csv');
    writeFileSync(file, 'x,y\n' + Array.from({ length: 3000 }, (_, i) => `${points[2 * i]},${points[2 * i + 1]}`).join('\n') + '\n');
    const lines: string[] = [];
    const r = evalSamplesFile({ samples: file, dataset: law.name, referenceSeed: 0, log: (s) => lines.push(s), maxPairRows: 400 });
    expect(lines.join('\n')).toMatch(/subsample of 400 of the 3000 rows/);
    expect(lines.filter((l) => /^ {2}[12]\/2: /.test(l))).toHaveLength(2);
    expect(r.report.pairwiseRows).toBe(400);
    // The mode-weight error is the full file's, not the subsample's.
    const full = modeWeightError(modeWeights(points, law.modes!), targetModeWeights(law.modes!, 1));
    expect(r.rows!.find((x) => x.metric.startsWith('mode-weight error'))!.value).toBeCloseTo(full, 12);
    // Under the cap nothing is subsampled.
    const small = evalSamplesFile({ samples: file, dataset: law.name, referenceSeed: 0, log: () => {}, maxPairRows: 5000 });
    expect(small.report.pairwiseRows).toBeUndefined();
  }, 120_000);
});
