// What a potential itself says about p³ (bench section fkc): the mode masses of exp(−3·U(·, t)) on
// a grid at small noise levels, against p³'s exact cell masses. No sampler can do better than the
// potential it weighs toward, so this is the floor a learned model sets for its wfr rows; the exact
// potential's own row is how far p_t³ still is from p³ at that noise (the cost of stopping there).

import { GMM40 } from '../../../src/data/gmm40.js';
import { mixtureDataset } from '../../../src/data/mixture.js';
import { modeWeightError, targetModeWeights } from '../../../src/metrics/modes.js';
import { potentialModeMasses } from '../../../src/metrics/potentialMasses.js';
import { loadModels } from '../../../src/node/generate.js';
import { timeAtNoise } from '../../../src/sampling/cutoff.js';
import { fmt } from '../context.js';
import { FKC_BETA } from './fkcRuns.js';

/** Noise levels σ/α of the cut-off ladder at and below the learned models' measured cut-off. */
const LEVELS = [0.174, 0.0774, 0.0274];
/** 600² points over ±4 standardised units: 0.3 data units apart in a fitted frame (p³'s modes: std 1.23). */
const GRID = { half: 4, size: 600 };

/** Markdown lines: one row per model (and the exact potential in the first model's SDE and frame). */
export async function potentialP3Table(models: string[]): Promise<string[]> {
  if (!models.length) return [];
  const dataset = mixtureDataset('gmm40', GMM40);
  const target = targetModeWeights(dataset.modes!, FKC_BETA);
  const first = await loadModels([models[0]]);
  const frame = { sde: first.base.meta.sde.name, sdeParams: first.base.meta.sde.params, frame: first.base.meta.standardization };
  first.dispose();
  const rows: string[] = [];
  for (const model of ['exact:gmm40', ...models]) {
    const loaded = model.startsWith('exact:') ? await loadModels([model], { exact: frame }) : await loadModels([model]);
    const errors = LEVELS.map((nu) => {
      const masses = potentialModeMasses(loaded.potential, timeAtNoise(loaded.base.sde, nu), dataset, loaded.base.meta.standardization, GRID, FKC_BETA);
      return modeWeightError(masses, target);
    });
    rows.push(`| ${model.startsWith('exact:') ? `exact potential (${frame.sde}, the same frame)` : `\`${model}\``} | ${errors.map((e) => fmt(e)).join(' | ')} |`);
    loaded.dispose();
  }
  return [
    '',
    `**The potentials' own p³** (mode error Σ|ŵ − π| of exp(−3·U(·, t)) on a ${GRID.size}² grid against p³'s exact cell masses, at noise level σ/α): no sampler weighing toward a potential does better than it, and the exact potential's row is how far p_t³ still is from p³ there.`,
    '',
    `| potential | ${LEVELS.map((nu) => `σ/α = ${nu}`).join(' | ')} |`,
    `|---|${LEVELS.map(() => '---').join('|')}|`,
    ...rows,
  ];
}
