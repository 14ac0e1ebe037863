// The no-op weighting: no Feynman–Kac part. Alone it leaves a run unweighted; under wfr's
// reaction it is "the reaction alone". Registered so that `--weights none` needs no special case.

import * as tf from '@tensorflow/tfjs';
import type { Part, Weighting } from '../parts.js';

const none: Weighting = {
  weighted: false,
  need: {},
  driftNeed: {},
  resampleEveryStep: false,
  needsNoise: false,
  estimatesNormalizer: false,
  increment: (s) => ({ inc: tf.zeros([s.x.shape[0]]) as tf.Tensor1D }),
};

export const noWeights: Part<Weighting> = {
  description: "no Feynman–Kac part (wfr's reaction alone)",
  create: () => none,
};
