// The corrector registry: each entry builds a corrector from the run's settings. A new
// corrector is one file in this folder and one line here.

import type { Corrector, Part } from '../parts.js';
import { langevin } from './langevin.js';
import { mala } from './mala.js';
import { noCorrector } from './none.js';
import { wfrCorrector } from './wfr.js';

export const CORRECTORS: Record<string, Part<Corrector>> = {
  none: noCorrector,
  langevin,
  mala,
  wfr: wfrCorrector,
};
