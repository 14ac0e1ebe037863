// The predictor registry: a new predictor is one file in this folder and one line here.

import type { Predictor } from '../parts.js';
import { eulerMaruyama } from './em.js';
import { odeEuler, odeHeun } from './ode.js';
import { temperedNoise } from './tempered.js';

export const PREDICTORS: Record<string, Predictor> = {
  em: eulerMaruyama,
  ode: odeEuler,
  heun: odeHeun,
  tempered: temperedNoise,
};

export const PREDICTOR_NAMES = Object.keys(PREDICTORS);
