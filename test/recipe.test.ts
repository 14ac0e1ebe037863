// The default recipe on a user's own model, as the weights issue measured it going wrong: a VE
// model. Its cut-off, measured from its own mode masses at the end of training, keeps the
// weights where those masses are right, so wfr is no worse than em; a cut-off fixed in time
// (t_off = 0.2, right for VP) weights where the masses are wrong.
import { describe, expect, it } from 'vitest';
import { getDataset } from '../src/data/datasets.js';
import { builtinSource } from '../src/data/source.js';
import { unstandardize } from '../src/data/standardize.js';
import { modeSummary } from '../src/metrics/modes.js';
import { measuredCutoff } from '../src/train/checkpointMeta.js';
import { timeAtNoise } from '../src/sampling/cutoff.js';
import { sample } from '../src/sampling/sample.js';
import { trainConfigFrom } from '../src/train/config.js';
import { Trainer } from '../src/train/trainer.js';

const name = 'eight-gaussians-imbalanced';
const data = builtinSource(name);

describe('a time-score-trained model under VE', () => {
  it('a short run: the measured cut-off keeps wfr no worse than em (within 15%: 4 seeds of N = 1000); a VP-style time cut-off is > 1.3× worse', async () => {
    // A two-phase recipe (DSM, then the term at μ = 0.1 in a phase of its own): what this checks is the cut-off.
    const config = trainConfigFrom({ dataset: name, sde: 've', hidden: [64, 64], batch: 256, steps: 1500, timeScoreSteps: 1000, timeScoreFrom: 1500, timeScoreWeight: 0.1, timeScoreReference: 0, embedTime: 't', features: 8, freqMax: 16 });
    const tr = new Trainer(config, data);
    while (tr.step < config.steps) tr.trainStep();
    expect(tr.timeScoreSteps).toBe(1000);
    const cutoff = measuredCutoff(tr, { dataset: { name } })!;
    const tOff = timeAtNoise(tr.sde, cutoff.noise);
    const error = async (sampler: string, t: number) => {
      let e = 0;
      for (const seed of [1, 2, 3, 4]) {
        const r = await sample({ potential: tr.emaPotential(), sde: tr.sde, sampler, n: 1000, steps: 20, seed, tOff: t });
        e += modeSummary(unstandardize(r.points, data.standardization), getDataset(name).modes!, r.weights).error / 4;
      }
      return e;
    };
    const [em, wfr, wfrAtTime] = [await error('em', 0), await error('wfr', tOff), await error('wfr', 0.2)];
    expect(wfr).toBeLessThan(1.15 * em);
    expect(wfrAtTime).toBeGreaterThan(1.3 * em);
    tr.dispose();
  }, 240_000);
});
