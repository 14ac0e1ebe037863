// What a finished (or saved) training run stores beside its weights, browser-safe so the CLI and
// the page's training worker write the same model.json: the metadata of a trainer's EMA model
// and the weights' cut-off measured on it (datasets with known mode masses only).

import { makeMeta, type ModelMeta } from '../checkpointSchema.js';
import { DATASETS } from '../data/datasets.js';
import type { Standardization } from '../data/standardize.js';
import { cutoffFromMasses, measureMasses, measureMassesPaused, type Cutoff, type MassAtNoise } from '../sampling/cutoff.js';
import type { StopVerdict } from './stopWhenGood.js';
import type { Trainer } from './trainer.js';

export interface RunIdentity {
  /** The dataset as the checkpoint names it (a built-in name, or 'csv' with the file). */
  dataset: { name: string; file?: string };
  backend: string;
}

export function modelMeta(trainer: Trainer, o: RunIdentity, cutoff?: Cutoff, stoppedWhenGood?: StopVerdict): ModelMeta {
  const c = trainer.config;
  return makeMeta({
    config: { ...c, dataset: o.dataset.name, dataFile: o.dataset.file },
    sde: { name: trainer.sde.name, params: trainer.sde.params },
    standardization: trainer.data.standardization,
    step: trainer.step,
    timeScoreSteps: trainer.timeScoreSteps,
    backend: o.backend,
    cutoff,
    stoppedWhenGood,
    classes: trainer.classes ? trainer.data.classes : undefined,
  });
}

/**
 * The weights' cut-off measured on the final model: where its own density's mode masses stay
 * right (datasets with known masses only; others keep their recipe's cut-off). `known`: levels
 * already measured on this same model (a stop-when-good check at the final step).
 */
export function measuredCutoff(trainer: Trainer, o: Pick<RunIdentity, 'dataset'>, known?: readonly MassAtNoise[]): Cutoff | undefined {
  const dataset = DATASETS[o.dataset.name];
  if (!dataset?.modes) return undefined;
  return asCutoff(measureMasses({ potential: trainer.emaPotential(), dataset, sde: trainer.sde, standardization: trainer.data.standardization, known }));
}

/** measuredCutoff, awaiting `pause` between blocks of work (the CLI polls its signals there; `pause` may throw). */
export async function measuredCutoffPaused(trainer: Trainer, o: Pick<RunIdentity, 'dataset'>, pause: () => Promise<void>, known?: readonly MassAtNoise[]): Promise<Cutoff | undefined> {
  const dataset = DATASETS[o.dataset.name];
  if (!dataset?.modes) return undefined;
  const standardization: Standardization = trainer.data.standardization;
  return asCutoff(await measureMassesPaused({ potential: trainer.emaPotential(), dataset, sde: trainer.sde, standardization, known }, pause));
}

function asCutoff(masses: MassAtNoise[]): Cutoff {
  return { noise: cutoffFromMasses(masses), rule: 'measured', masses: masses.map((m) => ({ ...m, t: Number(m.t.toPrecision(4)), error: Number(m.error.toFixed(4)) })) };
}
