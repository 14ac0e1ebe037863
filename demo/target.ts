// What the two panels are compared against, said in a sentence: one model's law (annealed by β),
// the product of two models, or a guided class's tilted law p(x|c)^w·p(x)^{1−w} — with its exact
// mode masses where they are known (the core's: mixtures, their products, data/tilted.ts for
// classes of a mixture), which the bars show and the mode-weight error is measured against.

import type { LoadedModel } from '../src/checkpoint.js';
import { DATASETS, type Dataset, type ModeSpec } from '../src/data/datasets.js';
import { targetModeWeights } from '../src/metrics/modes.js';
import type { Guidance } from '../src/sampling/guidance.js';
import { productTarget } from '../src/sampling/product.js';
import { classWords } from './classes.js';

export interface TargetWords {
  dataset?: Dataset;
  modes?: ModeSpec;
  /** The target's exact mode masses (t = 0, at β). */
  masses?: number[];
  text: string;
}

/** The exact mode masses the page compares against, and a sentence saying what the target is. */
export function describeTarget(models: LoadedModel[], beta: number, guidance?: Guidance): TargetWords {
  const name = models[0].meta.dataset.name;
  const ds = DATASETS[name];
  const b = beta === 1 ? '' : `^β (β = ${beta})`;
  if (guidance) return guidedTarget(models[0], beta, guidance);
  if (models.length === 1) {
    if (ds?.modes) return { dataset: ds, modes: ds.modes, masses: targetModeWeights(ds.modes, beta), text: `Target: p${b}, the law of ${name}; bars show its exact mode masses${beta === 1 ? '' : ' (annealed)'}.` };
    return { text: `Target: p${b}, learned from ${name}; no exact mode masses are known, so the metric is MMD² against the data${beta === 1 ? '' : ' (shown only at β = 1)'}.` };
  }
  const names = models.map((m) => m.meta.dataset.name);
  const prod = productTarget(names, names.map(() => 1));
  const modes = prod.dataset?.modes;
  if (modes) {
    const power = prod.power * beta;
    const what = names.every((n) => n === name) ? `two models of ${name}, i.e. p^${power}` : `${names.join(' × ')}, a Gaussian mixture in closed form${power === 1 ? '' : `, to the power ${power}`}`;
    return { dataset: prod.dataset, modes, masses: targetModeWeights(modes, power), text: `Target: the product of experts exp(−U¹−U²) of ${what}: bars show its exact mode masses.` };
  }
  return { text: `Target: the product of experts exp(−U¹−U²) of ${names.join(' × ')}: ${prod.noTarget ?? 'no exact mode masses are known for it'}, so no metric is shown.` };
}

/** A guided class: the tilted law, exact for a class of a built-in mixture (the model's classes say). */
function guidedTarget(model: LoadedModel, beta: number, g: Guidance): TargetWords {
  const law = model.classes?.tilted?.(g.classes, g.w);
  const b = beta === 1 ? '' : `, annealed to the power β = ${beta}`;
  const what = `Target: the tilted law p(x|c)^w·p(x)^(1−w) of ${model.meta.dataset.name}, ${classWords(g, model.classes?.names ?? [])} at guidance w = ${g.w}${b}: em follows the guided score (classifier-free guidance, biased), fk and wfr weight toward the law`;
  if (law?.modes) return { dataset: law, modes: law.modes, masses: targetModeWeights(law.modes, beta), text: `${what}; bars show its exact mode masses.` };
  return { text: `${what}; no exact mode masses are known for it (only a built-in mixture's classes have them), so no metric is shown.` };
}
