// Errors about settings are structured (SettingsError pieces), so the CLI and the page each word
// them: the CLI's message names flags and points to source files; the page names its controls.
import { describe, expect, it } from 'vitest';
import { checkSampleLimits, checkTrainLimits } from '../src/config/limits.js';
import { validateKnobs } from '../src/config/knobs.js';
import { piecesOf } from '../src/config/settingsError.js';
import { composeSampler } from '../src/sampling/compose.js';
import { resolveSampleSettings, SAMPLE_KNOBS } from '../src/sampling/settings.js';
import { inPageWords, labelsByFlag } from '../demo/words.js';

const labels = labelsByFlag([{ knobs: SAMPLE_KNOBS, labels: { n: 'N (particles)', resampler: 'resampling' } }]);
const thrown = (f: () => void): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
};

describe('errors about settings', () => {
  it('a knob out of range: --n in the CLI, the control label on the page', () => {
    const e = thrown(() => validateKnobs(SAMPLE_KNOBS, { n: 0 }));
    expect((e as Error).message).toBe('--n must be an integer ≥ 1, got 0');
    expect(inPageWords(e, labels)).toBe('N (particles) must be an integer ≥ 1, got 0');
  });

  it('a limit: the CLI points to the source file, the page leaves it out, and the pieces survive a worker', () => {
    const e = thrown(() => checkSampleLimits({ n: 1e9 }));
    expect((e as Error).message).toMatch(/^--n 1000000000 needs .* over the cap of 2048 MB of tensors \(src\/config\/limits.ts\); use --n ≤ \d+$/);
    const posted = JSON.parse(JSON.stringify({ message: (e as Error).message, pieces: piecesOf(e) }));
    expect(inPageWords(posted, labels)).toMatch(/^N \(particles\) 1000000000 needs .* over the cap of 2048 MB of tensors; use N \(particles\) ≤ \d+$/);
    const t = thrown(() => checkTrainLimits({ batch: 1e7, hidden: [128], embedding: { features: 16 } }));
    expect(inPageWords(t, {})).toMatch(/^The batch setting 10000000 needs/);
  });

  it('a mismatch of parts names both settings in the page words', () => {
    const e = thrown(() => composeSampler(resolveSampleSettings({ sampler: 'fk', resampler: 'birth-death' })));
    expect((e as Error).message).toMatch(/^--resampler birth-death is the jump form of the reaction: use it with wfr \(α > 0\) or --corrector wfr, not fk$/);
    expect(inPageWords(e, labels)).toBe('Resampling birth-death is the jump form of the reaction: use it with wfr (α > 0) or the corrector setting wfr, not fk');
  });

  it('other errors are shown as they are', () => {
    expect(inPageWords(new Error('--not a setting error'), labels)).toBe('--not a setting error');
  });
});
