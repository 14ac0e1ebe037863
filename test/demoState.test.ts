// The page's link and command line, and its verdict on a checkpoint, without a browser: which
// checkpoint a URL names, the `npm run sample` line of a panel (shell-safe), and the verdict from
// stored mode-mass measurements (the cut-off they set decides it).
import { describe, expect, it } from 'vitest';
import { cliCommand, keyOfUrlName, modelArg, shellWord, urlNameOf } from '../demo/urlState.js';
import { verdictOf } from '../demo/verdict.js';
import type { ModelMeta } from '../src/checkpoint.js';
import { cutoffFromMasses, NOISE_LADDER } from '../src/sampling/cutoff.js';

describe('the page as a link and a command line', () => {
  it('option keys and URL names round-trip; sources a link cannot name give none', () => {
    const keys = ['shipped:compose/blobs-x', 'exact:blobs-y', 'trained'];
    const has = (k: string) => keys.includes(k);
    for (const k of keys) expect(keyOfUrlName(urlNameOf(k)!, has)).toBe(k);
    expect(urlNameOf('url:https://x/model.json')).toBeUndefined();
    expect(urlNameOf('files:mine:1')).toBeUndefined();
    expect(keyOfUrlName('nope', has)).toBeUndefined();
    expect(keyOfUrlName('trained', () => false)).toBeUndefined();
  });

  it('a panel as an npm run sample line', () => {
    const line = cliCommand({ models: [modelArg('shipped:compose/blobs-x'), modelArg('exact:blobs-y')], sampler: 'fk', steps: 12, n: 600, alpha: 20, beta: 2, seed: 3, weighted: true, reaction: false });
    expect(line).toBe('npm run sample -- --model models/compose/blobs-x --model exact:blobs-y --sampler fk --steps 12 --n 600 --beta 2 --seed 3 --keep-weights --out out/page-fk.csv');
    // Only the reaction reads --alpha: the CLI refuses a flag its sampler ignores.
    expect(cliCommand({ models: ['models/x'], sampler: 'wfr', steps: 1, n: 1, alpha: 20, beta: 1, seed: 0, weighted: true, reaction: true })).toContain('--alpha 20 --beta 1');
    expect(cliCommand({ models: ['models/x'], sampler: 'em', steps: 1, n: 1, alpha: 0, beta: 1, seed: 0, weighted: false, reaction: false })).not.toContain('--keep-weights');
  });

  it('quotes what a shell would misread', () => {
    expect(shellWord('models/a-b_c.d')).toBe('models/a-b_c.d');
    expect(shellWord('<img src onerror>')).toBe("'<img src onerror>'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
  });
});

describe('the verdict on a checkpoint', () => {
  const meta = (errors: number[]): ModelMeta => {
    const masses = NOISE_LADDER.map((noise, i) => ({ noise, t: 0, error: errors[i] }));
    return { cutoff: { noise: cutoffFromMasses(masses), rule: 'measured', masses } } as unknown as ModelMeta;
  };

  it('a model whose masses are off below the highest noise is too short for the weights to help', () => {
    const v = verdictOf(meta([0.01, 0.08, 0.2, 0.3, 0.3, 0.3]), 0.5, 'trained here');
    expect(v.verdict).toBe('too short');
    expect(v.text).toMatch(/^trained here: its own mode masses, measured .*3\.41: 0\.010 ✓, 0\.72: 0\.080 ✗/);
    expect(v.text).toMatch(/Too short a training for the weights to help/);
    // Right at σ/α = 0.72 but not below: no better than score matching alone, still too short.
    expect(verdictOf(meta([0.01, 0.01, 0.2, 0.3, 0.3, 0.3]), 0.2, 'm').verdict).toBe('too short');
  });

  it('masses right down to the floor: the weights help to the end; in between: partly', () => {
    expect(verdictOf(meta([0.001, 0.002, 0.003, 0.004, 0.01, 0.05]), 0.02, 'm').verdict).toBe('helps');
    expect(verdictOf(meta([0.001, 0.002, 0.01, 0.05, 0.05, 0.05]), 0.1, 'm').verdict).toBe('partly');
    expect(verdictOf({ cutoff: { noise: 0, rule: 'exact' } } as unknown as ModelMeta, 0, 'exact').verdict).toBe('exact');
  });
});
