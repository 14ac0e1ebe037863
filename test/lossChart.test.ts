// The loss picture's numbers: the smoothing does not lean toward the first (spiky) losses, and
// the y axis is fitted to the settled smoothed curve, not to the initial spike.
import { describe, expect, it } from 'vitest';
import { lossSpec, lossYDomain, smoothLoss } from '../src/node/lossChart.js';
import { quantile } from '../src/stats.js';

describe('loss chart', () => {
  it('smoothLoss of a constant is that constant from the first step (no start bias)', () => {
    expect(smoothLoss([2, 2, 2, 2], 10)).toEqual([2, 2, 2, 2]);
    const s = smoothLoss([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 3);
    expect(s[0]).toBe(10);
    expect(s[11]).toBeLessThan(1.1);
  });

  it('quantile interpolates between order statistics', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([5], 0.99)).toBe(5);
  });

  it('the y domain ignores the first steps and brackets the settled curve', () => {
    const losses = Array.from({ length: 5000 }, (_, i) => (i < 20 ? 1000 : 0.5 + 0.01 * Math.sin(i)));
    const [lo, hi] = lossYDomain(smoothLoss(losses, 10), 100);
    expect(hi).toBeLessThan(2); // not stretched to the spike at 1000
    expect(lo).toBeLessThan(0.49);
    expect(hi).toBeGreaterThan(0.51);
    expect(hi / lo).toBeGreaterThanOrEqual(2 - 1e-9);
  });

  it('the spec draws raw and smoothed on a log axis with that domain', () => {
    const spec = lossSpec([50, 40, 30, 20, 10, ...Array<number>(500).fill(1)], 'loss') as unknown as { layer: { encoding: { y: { scale: { type: string; domain: number[] } } } }[] };
    expect(spec.layer).toHaveLength(2);
    expect(spec.layer[1].encoding.y.scale.type).toBe('log');
    expect(spec.layer[1].encoding.y.scale.domain[1]).toBeLessThan(5); // fitted to the settled curve, not the start
  });

  it('marks the start of the time-score phase with a labelled rule, and only inside the run', () => {
    type L = { mark: { type: string }; data: { values: { step: number; label?: string }[] } };
    const layers = (p?: number) => (lossSpec(Array<number>(100).fill(1), 'loss', p) as unknown as { layer: L[] }).layer;
    const marked = layers(60);
    const rule = marked.find((l) => l.mark.type === 'rule')!;
    expect(rule.data.values[0].step).toBe(60.5); // between the last DSM step (60) and the first with the term (61)
    expect(marked.find((l) => l.mark.type === 'text')!.data.values[0].label).toBe('time-score term from step 61 →');
    expect(layers(undefined)).toHaveLength(2);
    expect(layers(100)).toHaveLength(2); // a phase that starts after the last step is not drawn
  });
});
