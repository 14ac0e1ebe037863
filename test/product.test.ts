// The target a product of experts is compared against: two models of one law p make p², whose
// exact mode masses are the annealed ones at 2β; models of different laws have no exact target.
import { describe, expect, it } from 'vitest';
import type { ModelMeta } from '../src/checkpointSchema.js';
import { getDataset } from '../src/data/datasets.js';
import { productModeTarget } from '../src/sampling/product.js';

const of = (name: string) => ({ meta: { dataset: { name } } as ModelMeta });

describe('product of experts target', () => {
  it('two models of eight-gaussians-imbalanced at β = 1 target p², ≈ πₖ²/Σπ² (separated modes of one shape)', () => {
    const modes = getDataset('eight-gaussians-imbalanced').modes!;
    const sq = modes.weights.map((w) => w * w);
    const z = sq.reduce((a, b) => a + b, 0);
    const t = productModeTarget([of('eight-gaussians-imbalanced'), of('eight-gaussians-imbalanced')], 1)!;
    expect(t.power).toBe(2);
    // Exactly the law's own masses of p² (p² integrated over each cell), which the overlap of the
    // components moves only slightly from πₖ²/Σπ² (measured: at most 4.7e-4 per mode, 1.7%).
    t.masses.forEach((m, k) => expect(m).toBe(modes.annealed!(2)[k]));
    t.masses.forEach((m, k) => expect(Math.abs(m - sq[k] / z)).toBeLessThan(1e-3));
  });

  it('double-well × double-well at β = 1 is the double-well at β = 2 (left well 0.1251, its exact integral)', () => {
    const t = productModeTarget([of('double-well'), of('double-well')], 1)!;
    expect(t.masses[0]).toBeCloseTo(0.1251, 4);
  });

  it('models of different laws, or of a law without modes, have no exact target', () => {
    expect(productModeTarget([of('eight-gaussians'), of('double-well')], 1)).toBeUndefined();
    expect(productModeTarget([of('two-moons'), of('two-moons')], 1)).toBeUndefined();
  });
});
