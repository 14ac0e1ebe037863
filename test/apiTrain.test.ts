// train() of the public API against what `npm run train` runs (node/trainRun.ts with the config
// from the same knob values): the same weights file and metadata for the same options and seed,
// a model that samples, a checkpoint the CLI's loader reads, and an AbortSignal that stops it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinSource } from '../src/data/source.js';
import { loadModel, train } from '../src/node/index.js';
import { trainRun } from '../src/node/trainRun.js';
import { trainConfigFrom } from '../src/train/config.js';

const dir = mkdtempSync(join(tmpdir(), 'wfr-api-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const values = { dataset: 'eight-gaussians', hidden: [16, 16], features: 4, batch: 64, steps: 20, timeScoreSteps: 10, seed: 5 };

describe('train() of the public API', () => {
  it('writes the weights npm run train writes for the same options and seed', async () => {
    const config = trainConfigFrom(values);
    const cli = await trainRun({ config, data: builtinSource('eight-gaussians'), dataset: { name: 'eight-gaussians' }, out: join(dir, 'cli'), backend: 'wasm' });
    cli.trainer.dispose();
    const steps: number[] = [];
    const { model, checkpoint, stopped } = await train(values, { out: join(dir, 'api'), onStep: (p) => void steps.push(p.step) });
    try {
      expect(stopped).toBe(false);
      expect(steps).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(checkpoint.weightsName).toBe('weights-00000030.bin');
      const cliWeights = readFileSync(join(dir, 'cli', checkpoint.weightsName));
      expect(Buffer.from(checkpoint.weights).equals(cliWeights)).toBe(true);
      expect(readFileSync(join(dir, 'api', checkpoint.weightsName)).equals(cliWeights)).toBe(true);
      const meta = (text: string) => {
        const m = JSON.parse(text).userDefinedMetadata.wfr;
        return { ...m, savedAt: undefined };
      };
      expect(meta(checkpoint.modelJson)).toEqual(meta(readFileSync(join(dir, 'cli', 'model.json'), 'utf8')));
      const fromDisk = await loadModel(join(dir, 'api'));
      const opts = { steps: 5, n: 200, seed: 1 };
      expect(Array.from((await fromDisk.sample(opts)).points)).toEqual(Array.from((await model.sample(opts)).points));
      fromDisk.dispose();
    } finally {
      model.dispose();
    }
  });

  it('stops at an AbortSignal with the model so far', async () => {
    const stop = new AbortController();
    const { model, stopped, checkpoint } = await train({ ...values, points: new Float32Array([0, 0, 1, 1, 2, 0, 1, -1]), name: 'mine' }, { onStep: (p) => void (p.step === 3 && stop.abort()), signal: stop.signal });
    expect(stopped).toBe(true);
    expect(checkpoint.weightsName).toBe('weights-00000003.bin');
    expect(model.meta.dataset.name).toBe('mine');
    model.dispose();
  });
});
