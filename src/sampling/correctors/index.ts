// The corrector registry: each entry builds a corrector from the run's settings. A new
// corrector is one file in this folder and one line here; 'none' means no corrector step.

import type { DensityMethod } from '../density.js';
import type { Corrector } from '../parts.js';
import { langevin } from './langevin.js';
import { mala } from './mala.js';
import { wfrCorrector } from './wfr.js';

export interface CorrectorOptions {
  bMin: number;
  density: DensityMethod;
  selfKernel: number;
}

export const CORRECTORS: Record<string, ((o: CorrectorOptions) => Corrector) | undefined> = {
  none: undefined,
  langevin,
  mala: () => mala(),
  wfr: wfrCorrector,
};

export const CORRECTOR_NAMES = Object.keys(CORRECTORS);
