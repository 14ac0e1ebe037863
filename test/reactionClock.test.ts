// The reaction's clock against known truth: under VE the log-noise time is t itself; under every
// SDE the durations of a grid's steps add up to 1 − t_min; and under VP the noise clock is what
// lets wfr on the exact gmm40 potential reach p³'s masses, where the t clock leaves them wrong.
import { describe, expect, it } from 'vitest';
import { targetModeWeights, modeSummary } from '../src/metrics/modes.js';
import { generate, loadModels } from '../src/node/generate.js';
import { reactionDuration } from '../src/sampling/reactionClock.js';
import { timeGrid } from '../src/sampling/grid.js';
import { makeSde } from '../src/sde.js';
import { modeErrorFloor } from '../scripts/bench/sections/weights.js';

describe('reactionDuration', () => {
  it('is t − tn under VE and on the time clock; a grid of either clock spans 1 − t_min', () => {
    const ve = makeSde('ve');
    expect(reactionDuration('noise', ve, 0.5, 0.49)).toBeCloseTo(0.01, 10);
    expect(reactionDuration('time', makeSde('vp'), 0.5, 0.49)).toBe(0.5 - 0.49);
    for (const name of ['vp', 'subvp', 've']) {
      const sde = makeSde(name);
      const grid = timeGrid(37, sde.tMin);
      let total = 0;
      for (let k = 0; k < 37; k++) total += reactionDuration('noise', sde, grid[k], grid[k + 1]);
      expect(total).toBeCloseTo(1 - sde.tMin, 9);
    }
  });

  it('under VP gives the small noise levels more of the reaction than t does', () => {
    // σ/α from 0.174 to 0.0274 (VP t = 0.05 … 0.005): many modes separate here.
    const vp = makeSde('vp');
    expect(reactionDuration('noise', vp, 0.05, 0.005)).toBeGreaterThan(4 * (0.05 - 0.005));
  });
});

describe('wfr on the exact gmm40 potential at β = 3 under VP (the fitted frame of a trained model)', () => {
  it('reaches p³’s mode masses with the noise clock (the default), not with the t clock', async () => {
    const loaded = await loadModels(['exact:gmm40'], { exact: { sde: 'vp', frame: { mean: [-2.17, 1.17], scale: 23.17 } } });
    try {
      const error = async (o: object) => {
        const g = await generate(loaded, { sampler: 'wfr', steps: 100, n: 6000, seed: 1, beta: 3, ...o });
        return modeSummary(g.points, loaded.dataset!.modes!, undefined, 3).error;
      };
      const floor = modeErrorFloor(targetModeWeights(loaded.dataset!.modes!, 3), 6000);
      const [time, noise, byDefault] = [await error({ reactionClock: 'time' }), await error({ reactionClock: 'noise' }), await error({})];
      expect(noise).toBeLessThan(1.6 * floor);
      expect(time).toBeGreaterThan(2.5 * floor);
      expect(byDefault).toBe(noise);
    } finally {
      loaded.dispose();
    }
  });
});
