// The page's link and command line, and its verdict on a checkpoint, without a browser: which
// checkpoint a URL names, the `npm run sample` line of a panel (shell-safe), and the verdict from
// stored mode-mass measurements (the cut-off they set decides it); the class and guidance
// controls (options, link, CLI line, the tilted target's exact masses) and labelled drawn data.
import { describe, expect, it } from 'vitest';
import { cliCommand, keyOfUrlName, modelArg, shellWord, urlNameOf } from '../demo/urlState.js';
import { verdictOf } from '../demo/verdict.js';
import type { ModelMeta } from '../src/checkpoint.js';
import { cutoffFromMasses, NOISE_LADDER } from '../src/sampling/cutoff.js';
import { classesOf, classOptions, guidanceQuery, noGuidanceReason } from '../demo/classes.js';
import { drawnCount, drawnCsv, NO_CLASS } from '../demo/drawData.js';
import { pageParamProblems } from '../demo/pageParams.js';
import { describeTarget } from '../demo/target.js';
import { parseLabeledPointsCsv, parsePointsCsv } from '../src/data/csv.js';
import { getDataset } from '../src/data/datasets.js';
import { tiltedCellMasses } from '../src/data/tilted.js';
import { exactModel } from '../src/model/exactModel.js';
import { GUIDANCE_KNOBS } from '../src/sampling/guidanceKnobs.js';

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

describe('the class and guidance controls', () => {
  const exact = exactModel('eight-gaussians-imbalanced');

  it('offer each class of a model that has classes, in its colour, and are off with a reason otherwise', () => {
    const opts = classOptions(exact.classes);
    expect(opts.map((o) => o.value)).toEqual(['', '0', '1', '2', '3', '4', '5', '6', '7']);
    expect(new Set(opts.slice(1).map((o) => o.color)).size).toBe(8);
    expect(classOptions(exact.classes, '0,1,2,3').at(-1)).toEqual({ value: '0,1,2,3', text: 'components 0,1,2,3' });
    expect(classOptions({ names: ['left', 'right'] }).map((o) => [o.value, o.text])).toEqual([['', 'none (the whole law)'], ['left', '0: left ●'], ['right', '1: right ●']]);
    // One class per mode of the law: the panels' label of that mode is named too.
    expect(classOptions(exact.classes, undefined, ['1', '2', '3', '4', '5', '6', '7', '8'])[4].text).toBe('class 3 (mode 4) ●');
    expect(classOptions({ names: ['a'] }, undefined, ['1', '2'])[1].text).toBe('0: a ●');
    expect(noGuidanceReason(exact, false)).toBeUndefined();
    expect(noGuidanceReason({}, false)).toMatch(/^this checkpoint has no classes/);
    expect(noGuidanceReason(exact, true)).toMatch(/not a product/);
  });

  it('read a class as --class does (a name, an index, a set of an exact mixture\'s components), errors without the flag', () => {
    expect(classesOf('3', exact, 'exact')).toEqual([3]);
    expect(classesOf('0,1,2,3', exact, 'exact')).toEqual([0, 1, 2, 3]);
    expect(() => classesOf('9', exact, 'exact')).toThrow(/^Class: '9' is not a class of exact; its classes are 0…7/);
  });

  it('the guidance weight takes --guidance\'s default and range; the link carries class and w together, or neither', () => {
    expect(GUIDANCE_KNOBS.guidance.default).toBe(1);
    expect(guidanceQuery('', '2')).toEqual({});
    expect(guidanceQuery('0,1,2,3', '2')).toEqual({ class: '0,1,2,3', guidance: '2' });
    const problems = (q: string) => pageParamProblems(new URLSearchParams(q));
    expect(problems('class=3&guidance=2')).toEqual([]);
    expect(problems('class=3&guidance=-1')).toEqual(['Guidance w must be a finite number ≥ 0, got -1 (?guidance=).']);
    expect(problems('class=3&guidance=')[0]).toMatch(/^Guidance w must be a finite number ≥ 0/);
    expect(problems('guidance=2')).toEqual(['The guidance weight weighs a class: give ?class= too (?guidance=2).']);
    expect(problems('conditional=true')).toEqual([]);
    expect(problems('conditional=yes')).toEqual(['“conditional” is a switch: ?conditional=true turns it on (got “yes”).']);
    // The page's link parses back to the same class.
    const link = new URLSearchParams(guidanceQuery('0,1,2,3', '2'));
    expect(classesOf(link.get('class')!, exact, 'exact')).toEqual([0, 1, 2, 3]);
  });

  it('the CLI line guides the same class at the same w', () => {
    const line = cliCommand({ models: [modelArg('exact:eight-gaussians-imbalanced')], guidance: { cls: '0,1,2,3', w: 2 }, sampler: 'wfr', steps: 10, n: 1500, alpha: 20, beta: 1, seed: 1, weighted: true, reaction: true });
    expect(line).toBe('npm run sample -- --model exact:eight-gaussians-imbalanced --class 0,1,2,3 --guidance 2 --sampler wfr --steps 10 --n 1500 --alpha 20 --beta 1 --seed 1 --keep-weights --out out/page-wfr.csv');
    expect(cliCommand({ models: ['models/x'], guidance: { cls: 'a b', w: 0.5 }, sampler: 'em', steps: 1, n: 1, alpha: 0, beta: 1, seed: 0, weighted: false, reaction: false })).toContain("--class 'a b' --guidance 0.5 --sampler em");
  });

  it('the target line names the tilted law, and its masses are the exact tilted masses (the core\'s cell integration)', () => {
    const t = describeTarget([exact], 1, { classes: [0, 1, 2, 3], w: 2 });
    expect(t.text).toMatch(/^Target: the tilted law p\(x\|c\)\^w·p\(x\)\^\(1−w\) of eight-gaussians-imbalanced, components 0,1,2,3 at guidance w = 2: .*bars show its exact mode masses\.$/);
    const mixture = getDataset('eight-gaussians-imbalanced').mixture!;
    expect(t.masses).toEqual(tiltedCellMasses(mixture, [0, 1, 2, 3], 2));
    // Separated modes keep the class's own masses 1 : 2 : 3 : 4 (docs/guidance.md).
    t.masses!.slice(0, 4).forEach((m, k) => expect(m).toBeCloseTo((k + 1) / 10, 2));
    expect(describeTarget([exact], 1, { classes: [3], w: 2 }).text).toContain(', class 3 at guidance w = 2');
    // Without guidance the target is the law itself, as before.
    expect(describeTarget([exact], 1).masses).toEqual(getDataset('eight-gaussians-imbalanced').modes!.weights);
    // A model whose tilted law is unknown (trained on drawn data) has no metric.
    const drawn = { ...exact, meta: { ...exact.meta, dataset: { name: 'drawn' } }, classes: { ...exact.classes!, tilted: undefined } };
    const d = describeTarget([drawn], 1, { classes: [1], w: 2 });
    expect([d.masses, d.text]).toEqual([undefined, expect.stringMatching(/no exact mode masses are known for it .*so no metric is shown\.$/)]);
  });
});

describe('labelled drawn data', () => {
  it('writes x,y,label when every point has a class, which the core reads back as the same points and classes', () => {
    const xs = [0.1, -2.5, 1 / 3, 4, -1e-3, 2];
    const text = drawnCsv(xs, [2, 0, 2]);
    expect(text.split('\n')[0]).toBe('x,y,label');
    const back = parseLabeledPointsCsv(text, 'drawn', 10);
    expect(Array.from(back.points)).toEqual(Array.from(Float32Array.from(xs)));
    expect([Array.from(back.labels), back.names]).toEqual([[1, 0, 1], ['0', '2']]);
  });

  it('writes x,y when any point lacks a class (unlabelled drawing as before), and counts per class', () => {
    const text = drawnCsv([1, 2, 3, 4], [NO_CLASS, 1]);
    expect(text).toBe('x,y\n1,2\n3,4\n');
    expect(Array.from(parsePointsCsv(text, 'drawn'))).toEqual([1, 2, 3, 4]);
    expect(drawnCount([NO_CLASS, NO_CLASS])).toBe('2 points');
    expect(drawnCount([1, 0, 1, NO_CLASS])).toBe('4 points (class 0: 1, class 1: 2; 1 without a class)');
  });
});
