// `npm run eval -- --samples F --dataset NAME --beta B --fkc`: the FKC benchmark's five metrics
// against exact draws of p^β with their floor — an exact draw of p^β scores at the floor, a draw
// of p (the wrong temperature) does not; inputs it cannot score are refused with the reason.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSamplesCsv } from '../src/data/csv.js';
import { getDataset } from '../src/data/datasets.js';
import { mixtureDataset, productMixture } from '../src/data/mixture.js';
import { evalFkc } from '../src/node/evalCommand.js';
import { Rng } from '../src/rng.js';

const dir = mkdtempSync(join(tmpdir(), 'wfr-fkc-eval-'));
const file = (name: string, points: Float32Array, weights?: Float64Array) => {
  const f = join(dir, name);
  writeFileSync(f, formatSamplesCsv(points, weights));
  return f;
};
const m = getDataset('eight-gaussians-imbalanced').mixture!;
const run = (samples: string, beta = 2, dataset = 'eight-gaussians-imbalanced') => evalFkc({ samples, dataset, beta, referenceSeed: 0, log: () => {} });

describe('eval --fkc', () => {
  const n = 600;
  it('an exact draw of p² scores like the floor; a draw of p (β = 1) is worse on every metric', () => {
    const exact = run(file('exact.csv', mixtureDataset('p2', productMixture([m, m])).sample(new Rng(9, 'p2'), n)));
    const wrong = run(file('p1.csv', mixtureDataset('p1', m).sample(new Rng(9, 'p1'), n)));
    for (const k of ['w1', 'w2', 'mmd', 'tv', 'energyW2'] as const) {
      expect(exact.value[k]!, k).toBeLessThan(3 * exact.floor[k]! + 1e-3);
      expect(wrong.value[k]!, k).toBeGreaterThan(exact.value[k]!);
    }
    // p is wider than p²: its energy (log p² at the samples) spreads far more.
    expect(wrong.value.energyW2!).toBeGreaterThan(3 * exact.floor.energyW2!);
  });

  it('refuses weighted samples, a non-integer β and a law that is not a mixture, saying why', () => {
    const pts = mixtureDataset('p1', m).sample(new Rng(1, 'x'), 10);
    expect(() => run(file('w.csv', pts, new Float64Array(10).fill(0.1)))).toThrow(/is weighted; the FKC metrics compare equal-size unweighted sets/);
    expect(() => run(file('a.csv', pts), 2.5)).toThrow(/--beta 2.5 must be a positive integer/);
    expect(() => run(file('b.csv', pts), 1, 'double-well')).toThrow(/double-well is not a Gaussian mixture/);
    expect(() => run(file('c.csv', pts), 6, 'gmm40')).toThrow(/40\^6 components, over 200000/);
  });
});
