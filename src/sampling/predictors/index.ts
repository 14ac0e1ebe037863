// The predictor registry: a new predictor is one file in this folder and one line here.

import type { Predictor } from '../parts.js';
import { eulerMaruyama } from './em.js';
import { odeEuler, odeHeun } from './ode.js';

export const PREDICTORS: Record<string, Predictor> = {
  em: eulerMaruyama,
  ode: odeEuler,
  heun: odeHeun,
};

export const PREDICTOR_NAMES = Object.keys(PREDICTORS);
