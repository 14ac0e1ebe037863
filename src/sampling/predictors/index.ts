// The predictor registry: a new predictor is one file in this folder and one line here
// (`--predictor NAME` offers it; its description is the flag's help).

import type { Part, Predictor } from '../parts.js';
import { eulerMaruyama } from './em.js';
import { odeEuler, odeHeun } from './ode.js';
import { temperedNoise } from './tempered.js';

export const PREDICTORS: Record<string, Part<Predictor>> = {
  em: eulerMaruyama,
  ode: odeEuler,
  heun: odeHeun,
  tempered: temperedNoise,
};
