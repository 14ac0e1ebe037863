// The page's classes: the class select and "guidance w" control of a class-conditional model (its
// options, a colour per class, why they are off for a model without classes), what a ?class=
// value names (by the CLI's own --class parsing), and the link's class and guidance parameters.
// The weight's default and range are GUIDANCE_KNOBS', the same as --guidance's.

import type { LoadedModel } from '../src/checkpoint.js';
import { knobProblem } from '../src/config/knobs.js';
import type { ClassConditional } from '../src/model/conditional.js';
import { parseClass, type Guidance } from '../src/sampling/guidance.js';
import { GUIDANCE_KNOBS } from '../src/sampling/guidanceKnobs.js';
import type { ControlSpec } from './controls.js';

/** The guidance control, built from GUIDANCE_KNOBS by controls.ts. */
export const GUIDANCE_CONTROLS: ControlSpec[] = [{ field: 'guidance', label: 'guidance w' }];

/** One colour per class (cycled beyond ten), distinct from the panels' blue and orange: the class select, the brush, drawn points. */
export const CLASS_COLOURS = ['#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#17becf', '#666666', '#8c564b', '#bcbd22'];
export const classColour = (k: number) => CLASS_COLOURS[((k % CLASS_COLOURS.length) + CLASS_COLOURS.length) % CLASS_COLOURS.length];

/** Why the class and guidance controls are off for this model, or undefined when they are on. */
export function noGuidanceReason(model: Pick<LoadedModel, 'classes'> | undefined, withPartner: boolean): string | undefined {
  if (!model) return 'no checkpoint is loaded';
  if (!model.classes) return 'this checkpoint has no classes: train one with "conditional" checked, or pick an exact potential (its class k is component k)';
  if (withPartner) return 'guidance guides one model, not a product: choose no partner to guide a class';
  return undefined;
}

export interface ClassOption {
  /** What --class (and ?class=) takes: a class's name, or a set of components "0,1,2,3". */
  value: string;
  text: string;
  color?: string;
}

/**
 * The class select's options: none, then each class with its colour; `also` (a ?class= set of
 * components of an exact mixture, already checked) is offered too. `modeLabels`: the panels'
 * labels of the law's modes, named beside the classes when there is one class per mode.
 */
export function classOptions(classes: Pick<ClassConditional, 'names'> | undefined, also?: string, modeLabels?: string[]): ClassOption[] {
  const none: ClassOption = { value: '', text: 'none (the whole law)' };
  if (!classes) return [none];
  // When class k is mode k of the law (a mixture's component), the panels' label of that mode too (they count from 1).
  const mode = (k: number) => (modeLabels?.length === classes.names.length ? ` (mode ${modeLabels[k]})` : '');
  const each = classes.names.map((name, k) => ({ value: name, text: `${name === String(k) ? `class ${k}` : `${k}: ${name}`}${mode(k)} ●`, color: classColour(k) }));
  const extra = also && !classes.names.includes(also) ? [{ value: also, text: `components ${also}` }] : [];
  return [none, ...each, ...extra];
}

/** A class select's (or ?class=) value as the model's classes, by the CLI's parsing; the error without the flag. */
export function classesOf(value: string, model: LoadedModel, label: string): number[] {
  try {
    return parseClass(value, model, label);
  } catch (e) {
    throw new Error(`Class: ${(e as Error).message.replace(/^--class: /, '')}`);
  }
}

/** The class in words for the target line: "class 3", "class right", "components 0,1,2,3". */
export function classWords(g: Guidance, names: string[]): string {
  return g.classes.length > 1 ? `components ${g.classes.join(',')}` : `class ${names[g.classes[0]]}`;
}

/** The link's parameters of the guided class: none without a class; the weight only with one (as --guidance needs --class). */
export function guidanceQuery(cls: string, w: string): Record<string, string> {
  return cls === '' ? {} : { class: cls, guidance: w };
}

/** The problem with ?class= / ?guidance= that needs no model, in the page's words, or undefined. */
export function guidanceParamProblem(params: URLSearchParams): string | undefined {
  const w = params.get('guidance');
  if (w === null) return undefined;
  if (!params.has('class')) return `The guidance weight weighs a class: give ?class= too (?guidance=${w}).`;
  const problem = knobProblem(GUIDANCE_KNOBS.guidance, w.trim() === '' ? NaN : Number(w));
  return problem && `Guidance w ${problem} (?guidance=).`;
}
