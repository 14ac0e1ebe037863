// The no-op corrector: the particles stay as the predictor left them. Registered like every
// other corrector so that `--corrector none` and a sampler without one need no special case.

import type { Corrector, Part } from '../parts.js';

export const noCorrector: Part<Corrector> = {
  description: 'no corrector step',
  create: () => ({ weighted: false }),
};
