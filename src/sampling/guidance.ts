// Guidance as a target (docs/guidance.md): class c at weight w is the product of the conditional
// and unconditional potentials with exponents (w, 1 − w), U = w·U(·|c) + (1 − w)·U(·|∅). Its
// score is the classifier-free guided score s(x|∅) + w·(s(x|c) − s(x|∅)), so em on it is the
// usual guided sampler; fk and wfr weight toward its path exp(−U(·, t)), whose end at t = 0 is
// the tilted law p(x|c)^w · p(x)^{1−w} — which guided em does not sample. Browser-safe.

import type { LoadedModel } from '../checkpoint.js';
import { checkGuidance, className } from '../data/tilted.js';
import { SumPotential } from '../model/potential.js';
import { defaultTOff, describeCutoff } from './cutoff.js';
import type { LoadedModels } from './generate.js';

export interface Guidance {
  /** The class: one label, or a set of components of an exact mixture. */
  classes: number[];
  /** Exponent of p(x|c); 1 − w goes to p(x). */
  w: number;
}

/**
 * Parses a --class value against the model's classes: a class name (a labelled CSV's label) or
 * index, or for exact mixtures a comma-separated set of components ("0,1,2,3"). A name that is
 * also an index means the name. Errors name the flag and what exists.
 */
export function parseClass(text: string, model: LoadedModel, label: string): number[] {
  const c = model.classes;
  if (!c) throw new Error(`--class: ${label} has no classes (train it with --conditional, or use an exact:NAME model, whose classes are its components)`);
  const named = c.names.indexOf(text.trim());
  if (named >= 0) return [named];
  const parts = text.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !/^\d+$/.test(p) || Number(p) >= c.names.length);
  if (bad !== undefined) throw new Error(`--class: '${bad}' is not a class of ${label}; its classes are 0…${c.names.length - 1} (${c.names.slice(0, 20).join(', ')}${c.names.length > 20 ? ', …' : ''})`);
  const classes = parts.map(Number);
  if (new Set(classes).size !== classes.length) throw new Error(`--class: '${text}' lists a class twice`);
  if (classes.length > 1 && !c.sets) throw new Error(`--class: ${label} takes one class, not a set '${text}' (a set of components is for exact:NAME models)`);
  return classes;
}

/** The guided target of one class-conditional model: the product (w, 1 − w) and its exact law when known. */
export function guideModel(model: LoadedModel, g: Guidance, label = 'the model'): LoadedModels {
  checkGuidance(g.w);
  const c = model.classes;
  if (!c) throw new Error(`--class: ${label} has no classes (train it with --conditional, or use an exact:NAME model)`);
  const [cond, uncond] = [c.potential(g.classes), c.potential(null)];
  const law = c.tilted?.(g.classes, g.w);
  return {
    models: [model],
    base: model,
    lambdas: [1],
    potential: new SumPotential([cond, uncond], [g.w, 1 - g.w]),
    dataset: law,
    targetPower: 1,
    ...(law ? {} : { noTarget: `the tilted law of ${model.meta.dataset.name} has no closed form (only built-in mixtures' classes have one)` }),
    guidance: { classes: g.classes, className: className(g.classes), w: g.w },
    defaultTOff: defaultTOff([model.meta], model.sde),
    cutoff: describeCutoff([model.meta], model.sde),
    dispose: () => model.weights.forEach((w) => w.dispose()),
  };
}
