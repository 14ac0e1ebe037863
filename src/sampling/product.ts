// A product of experts exp(−U¹−U²−…) is only meaningful when its models share an SDE and a
// standardisation (their potentials then live in one coordinate system at one noise schedule).
// Checked here for the CLI (several --model) and the page (a second checkpoint). Browser-safe.

import type { ModelMeta } from '../checkpointSchema.js';
import { DATASETS } from '../data/datasets.js';
import { targetModeWeights } from '../metrics/modes.js';

export class IncompatibleModelsError extends Error {}

/** Throws naming the first pair (by `labels`) whose SDEs or standardisations differ. */
export function checkProduct(models: { meta: ModelMeta }[], labels: string[]): void {
  const a = models[0].meta;
  models.slice(1).forEach((m, i) => {
    const b = m.meta;
    const where = `incompatible models in a product: ${labels[0]} and ${labels[i + 1]}`;
    if (a.sde.name !== b.sde.name || JSON.stringify(a.sde.params) !== JSON.stringify(b.sde.params)) {
      throw new IncompatibleModelsError(`${where} use different SDEs (${a.sde.name} ${JSON.stringify(a.sde.params)} vs ${b.sde.name} ${JSON.stringify(b.sde.params)})`);
    }
    const [sa, sb] = [a.standardization, b.standardization];
    if (Math.abs(sa.scale - sb.scale) > 1e-6 * sa.scale || sa.mean.some((v, k) => Math.abs(v - sb.mean[k]) > 1e-6 * sa.scale)) {
      throw new IncompatibleModelsError(`${where} standardise their data differently, so their potentials live in different coordinates`);
    }
  });
}

/**
 * The exact mode masses of the product of `models` at inverse temperature β, when known: every
 * model trained on the same built-in law p with modes makes the product p^(kβ), whose masses
 * the dataset gives (annealed). Otherwise undefined: there is no exact target to compare with.
 */
export function productModeTarget(models: { meta: ModelMeta }[], beta: number): { dataset: string; power: number; masses: number[] } | undefined {
  const name = models[0].meta.dataset.name;
  const ds = DATASETS[name];
  if (!ds?.modes || models.some((m) => m.meta.dataset.name !== name)) return undefined;
  const power = models.length * beta;
  return { dataset: name, power, masses: targetModeWeights(ds.modes, power) };
}
