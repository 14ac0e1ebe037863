// A product of experts ∏pᵢ^λᵢ (U = ΣλᵢUᵢ) is only meaningful when its models share an SDE and a
// frame (their potentials then live in one coordinate system at one noise schedule; docs/math.md
// §4d), and it has an exact target only in known cases. Both for the CLI (several --model) and
// the page (a second checkpoint). Browser-safe.

import type { ModelMeta } from '../checkpointSchema.js';
import { DATASETS, productDataset, type Dataset } from '../data/datasets.js';
import { targetModeWeights } from '../metrics/modes.js';
import { flag, pieces, SettingsError } from '../config/settingsError.js';

export class IncompatibleModelsError extends Error {}

/** One exponent λᵢ per model of a product (the --lambda flag's check, before and after loading). */
export function checkExponentCount(lambdas: number[], models: number): void {
  if (lambdas.length !== models) throw new SettingsError(pieces`${flag('lambda')} gives ${lambdas.length} exponents for ${models} ${flag('model')} checkpoints: give one per model`);
}

const frameText = (s: { mean: number[]; scale: number }) => `centre (${s.mean.map((v) => v.toPrecision(4)).join(', ')}), scale ${s.scale.toPrecision(4)}`;

/** Throws naming the first pair (by `labels`) whose SDEs or frames differ, and how to retrain. */
export function checkProduct(models: { meta: ModelMeta }[], labels: string[]): void {
  const a = models[0].meta;
  models.slice(1).forEach((m, i) => {
    const b = m.meta;
    const where = `incompatible models in a product: ${labels[0]} and ${labels[i + 1]}`;
    if (a.sde.name !== b.sde.name || JSON.stringify(a.sde.params) !== JSON.stringify(b.sde.params)) {
      throw new IncompatibleModelsError(
        `${where} use different SDEs (${a.sde.name} ${JSON.stringify(a.sde.params)} vs ${b.sde.name} ${JSON.stringify(b.sde.params)}); retrain one with the other's --sde and its parameters`,
      );
    }
    const [sa, sb] = [a.standardization, b.standardization];
    if (Math.abs(sa.scale - sb.scale) > 1e-6 * sa.scale || sa.mean.some((v, k) => Math.abs(v - sb.mean[k]) > 1e-6 * sa.scale)) {
      throw new IncompatibleModelsError(
        `${where} work in different frames (${frameText(sa)} vs ${frameText(sb)}), so their potentials are functions of different coordinates; ` +
          `retrain them in one frame: --frame standard for each, or --frame ${labels[0]} when training the other`,
      );
    }
  });
}

export interface ProductTarget {
  /** The law at power 1, when known exactly. */
  dataset?: Dataset;
  /** The target is dataset^power. */
  power: number;
  /** Why there is none, in words. */
  noTarget?: string;
}

/**
 * The exact target of ∏pᵢ^λᵢ where there is one: models of one built-in law p with modes make
 * p^Σλᵢ (any such law: double-well too); built-in mixtures with all λᵢ = c make (∏pᵢ)^c, the
 * product a mixture in closed form. Unequal exponents on different laws get none here.
 */
export function productTarget(names: string[], lambdas: number[]): ProductTarget {
  const same = DATASETS[names[0]];
  if (same?.modes && names.every((n) => n === names[0])) return { dataset: same, power: lambdas.reduce((a, b) => a + b, 0) };
  if (lambdas.some((l) => l !== lambdas[0])) return { power: 1, noTarget: 'unequal exponents λᵢ on different laws: ∏pᵢ^λᵢ has no exact target here' };
  const notMixture = names.find((n) => !DATASETS[n]?.mixture);
  if (notMixture) return { power: 1, noTarget: `${notMixture} is not a built-in Gaussian mixture, so the product has no closed form` };
  return { dataset: productDataset(names), power: lambdas[0] };
}

/** The exact mode masses of the product of `models` (exponents 1) at inverse temperature β, when known. */
export function productModeTarget(models: { meta: ModelMeta }[], beta: number): { dataset: string; power: number; masses: number[] } | undefined {
  const t = productTarget(models.map((m) => m.meta.dataset.name), models.map(() => 1));
  if (!t.dataset?.modes) return undefined;
  const power = t.power * beta;
  return { dataset: t.dataset.name, power, masses: targetModeWeights(t.dataset.modes, power) };
}

/**
 * Exponents of a product ∏pᵢ^λᵢ: each finite and non-zero, negative allowed (p^{−1} divides by a
 * law: guidance with w > 1 is one), and Σλᵢ > 0 — every Uᵢ grows like ‖x‖²/(2v_t) far out, so
 * U = ΣλᵢUᵢ is a normalisable potential only when the sum is positive. Throws naming `what`.
 */
export function checkExponents(lambdas: number[], what = '--lambda'): void {
  const bad = lambdas.find((l) => !(Number.isFinite(l) && l !== 0));
  if (bad !== undefined) throw new Error(`${what}: every exponent must be a finite number ≠ 0, got ${bad}`);
  const sum = lambdas.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) {
    throw new Error(`${what}: the exponents sum to ${Number(sum.toPrecision(6))}; a product ∏pᵢ^λᵢ is normalisable only when Σλᵢ > 0 (each Uᵢ grows like ‖x‖²/(2v_t) far out, and so must U = ΣλᵢUᵢ)`);
  }
}
