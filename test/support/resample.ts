// Resampling by scheme name, as the tests call it: the registry's part, built from the default settings.
import type { Rng } from '../../src/rng.js';
import { resample, RESAMPLERS } from '../../src/sampling/resample.js';
import { resolveSampleSettings } from '../../src/sampling/settings.js';

export const resampleBy = (logw: ArrayLike<number>, scheme: string, rng: Rng): Int32Array => resample(logw, RESAMPLERS[scheme].create(resolveSampleSettings({})), rng);
