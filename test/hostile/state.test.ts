// Class 2 of the hostile inputs: state.bin is checked field by field before --resume uses it.
// Every damaged header field is an error naming the file and the field (never a flag the user did
// not type, never a TypeError); a refused resume leaves the checkpoint as it was (the good
// weights file stays, model.json still loads); a newer format is refused, not rewritten.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel, loadTrainState } from '../../src/node/checkpointFiles.js';
import { trainSetup } from '../../src/node/trainSetup.js';
import { trainRun } from '../../src/node/trainRun.js';
import { builtinSource } from '../../src/data/source.js';
import { trainConfigFrom } from '../../src/train/config.js';
import { cli } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'wfr-state-hostile-'));
const base = join(tmp, 'base');

/** Rewrites state.bin's JSON header with `edit` (payload kept, 4-byte alignment kept). */
function editHeader(dir: string, edit: (h: Record<string, any>) => void): void {
  const file = join(dir, 'state.bin');
  const b = readFileSync(file);
  const hlen = b.readUInt32LE(10);
  const header = JSON.parse(b.subarray(14, 14 + hlen).toString());
  edit(header);
  let text = Buffer.from(JSON.stringify(header));
  text = Buffer.concat([text, Buffer.alloc((4 - ((14 + text.length) % 4)) % 4, 0x20)]);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(text.length);
  writeFileSync(file, Buffer.concat([b.subarray(0, 10), len, text, b.subarray(14 + hlen)]));
}

function copy(name: string): string {
  const dir = join(tmp, name);
  cpSync(base, dir, { recursive: true });
  return dir;
}

const resume = (dir: string, typed: Record<string, unknown> = { steps: 30 }) =>
  trainSetup({ values: typed, typed: new Set(Object.keys(typed)), out: dir, resume: true, force: false });

beforeAll(async () => {
  // What `npm run train -- --dataset two-moons --steps 20 --time-score-steps 0 --hidden 16,16 --batch 64` saves.
  const config = trainConfigFrom({ dataset: 'two-moons', steps: 20, timeScoreSteps: 0, hidden: [16, 16], batch: 64 });
  const { trainer } = await trainRun({ config, data: builtinSource('two-moons'), dataset: { name: 'two-moons' }, out: base, backend: 'wasm' });
  trainer.dispose();
});

describe('a damaged state.bin header is refused, naming the file and the field', () => {
  const cases: [string, (h: Record<string, any>) => void, string][] = [
    ["step 'abc'", (h) => (h.step = 'abc'), 'field step must be an integer ≥ 0 (got "abc")'],
    ['step 1.5', (h) => (h.step = 1.5), 'field step must be an integer ≥ 0 (got 1.5)'],
    ['step −1', (h) => (h.step = -1), 'field step must be an integer ≥ 0'],
    ['no rng', (h) => delete h.rng, 'field rng must be 4 integers in [0, 2³²) (missing)'],
    ['rng of 3 words', (h) => (h.rng = [1, 2, 3]), 'field rng must be 4 integers'],
    ['null losses', (h) => (h.losses = null), 'field losses must be a list of finite numbers (got null)'],
    ['a null loss', (h) => (h.losses[3] = null), 'field losses must be a list of finite numbers (got null)'],
    ['timeScoreSteps beyond step', (h) => (h.timeScoreSteps = 99), 'field timeScoreSteps must be an integer in [0, step = 20]'],
    ['no config', (h) => delete h.config, "field config must be an object (the run's training config) (missing)"],
    ['config without embedding', (h) => delete h.config.embedding, 'field config.embedding must give integer features'],
    ['config.hidden a string', (h) => (h.config.hidden = '16,16'), 'field config.hidden must be a list of widths'],
    ['config.batch a string', (h) => (h.config.batch = 'x'), 'field config.batch must be a finite number'],
    ['config.dataset a number', (h) => (h.config.dataset = 3), 'field config.dataset must be a string'],
    ['config.frame an object', (h) => (h.config.frame = { mean: [0, 0] }), 'field config.frame must be a string'],
    ['standardization.scale 0', (h) => (h.standardization.scale = 0), 'field standardization.scale must be a finite number > 0'],
    ['no standardization', (h) => delete h.standardization, 'field standardization.mean must be two finite numbers'],
    ['layout not an object', (h) => (h.layout = 5), 'field layout must be an object'],
    ['dataset a string', (h) => (h.dataset = 'x'), 'field dataset must be {"name": string'],
  ];
  for (const [what, edit, message] of cases) {
    it(what, () => {
      const dir = copy(`h-${what.replace(/\W+/g, '-')}`);
      editHeader(dir, edit);
      expect(() => resume(dir)).toThrow(`corrupt training state ${join(dir, 'state.bin')}: ${message}`);
    });
  }

  it('a saved config out of range is the file’s fault, not a flag’s', () => {
    const dir = copy('range');
    editHeader(dir, (h) => (h.config.batch = -5));
    expect(() => resume(dir)).toThrow(new RegExp(`corrupt training state ${join(dir, 'state.bin')}: its saved config is out of range \\(the value of --batch .*\\), not a flag you typed`));
  });

  it("a step of 'abc' through the CLI: exit 1, the good weights file kept, model.json still loads", async () => {
    const dir = copy('cli-abc');
    const before = readdirSync(dir).sort();
    editHeader(dir, (h) => (h.step = 'abc'));
    const r = await cli('train', ['--resume', '--out', dir, '--steps', '30']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(`corrupt training state ${join(dir, 'state.bin')}: field step`);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect((await loadModel(dir)).meta.training.step).toBe(20);
  });
});

describe('a newer format is refused, not rewritten', () => {
  it('state.bin of format version 2', () => {
    const dir = copy('state-v2');
    const b = readFileSync(join(dir, 'state.bin'));
    b.write('WFRSTATE2\n', 0, 'latin1');
    writeFileSync(join(dir, 'state.bin'), b);
    expect(() => loadTrainState(dir)).toThrow(`${join(dir, 'state.bin')} is training-state format version 2, newer than this code (it reads version 1)`);
  });
  it('a model.json of format version 3 beside a good state.bin', () => {
    const dir = copy('model-v3');
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    json.userDefinedMetadata.wfr.version = 3;
    const text = JSON.stringify(json);
    writeFileSync(join(dir, 'model.json'), text);
    expect(() => resume(dir)).toThrow(`${join(dir, 'model.json')} is checkpoint format version 3, newer than this code writes (2)`);
    expect(readFileSync(join(dir, 'model.json'), 'utf8')).toBe(text);
  });
  it('the undamaged copy resumes', () => {
    expect(resume(copy('good')).resumeState!.step).toBe(20);
  });
});

describe('every flag typed on --resume reaches the resumed run (or the resume is refused)', () => {
  // `base` is a DSM-only run (--time-score-steps 0) at step 20.
  const refused: [Record<string, unknown>, string][] = [
    [{ timeScoreLrFinal: 0.5 }, '--time-score-lr-final 0.5 would have no effect on resuming'],
    [{ timeScoreLr: 1e-3 }, '--time-score-lr 0.001 would have no effect on resuming'],
    [{ timeScoreReference: 4 }, '--time-score-reference 4 would have no effect on resuming'],
  ];
  for (const [typed, message] of refused) {
    it(`refused: ${JSON.stringify(typed)}`, () => {
      const dir = copy(`c3-${Object.keys(typed)[0]}`);
      expect(() => resume(dir, typed)).toThrow(message);
      expect(() => resume(dir, typed)).toThrow('the run has no time-score phase (add one with --time-score-steps N)');
    });
  }
  const taken: [Record<string, unknown>, Record<string, unknown>][] = [
    [{ timeScoreSteps: 5 }, { start: 20, weight: 1, lr: 2e-4, lrFinalFraction: 0.05 }],
    [{ timeScoreSteps: 5, timeScoreWeight: 1, timeScoreLrFinal: 0.3, timeScoreLr: 1e-3 }, { start: 20, weight: 1, lr: 1e-3, lrFinalFraction: 0.3 }],
  ];
  for (const [typed, phase] of taken) {
    it(`taken: ${JSON.stringify(typed)}`, () => {
      const { config } = resume(copy(`c3-ok-${Object.keys(typed).length}`), typed);
      expect(config.timeScorePhase).toMatchObject(phase);
      expect(config.steps).toBe(25);
    });
  }
});
