// The demo build step's copy of checkpoints into the served folder: for each models/<name>/
// (or models/<group>/<name>/, e.g. compose/blobs-x) with a model.json, the model.json and the weights files its manifest names — every name a
// plain relative one resolving inside that checkpoint's folder, else the build fails naming it
// (a manifest must not pull files from outside the project into what is served).
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { MAX_JSON_BYTES, readCheckedText } from '../src/node/checkedFile.js';
import { join, sep } from 'node:path';
import { checkedManifest } from '../src/checkpointPaths.js';

export interface ShippedEntry {
  name: string;
  dataset: unknown;
  sde: unknown;
  step: unknown;
  timeScoreSteps: unknown;
  /** What a product partner must share: the page greys out incompatible partners before loading them. */
  standardization: unknown;
}

/** Copies every checkpoint of `modelsDir` into `outModels`; returns the index entries. Throws naming a bad path. */
export function copyCheckpoints(modelsDir: string, outModels: string): ShippedEntry[] {
  const list: ShippedEntry[] = [];
  // One level of groups: a folder without a model.json whose subfolders have one.
  const names = readdirSync(modelsDir)
    .sort()
    .flatMap((n) => {
      const dir = join(modelsDir, n);
      if (existsSync(join(dir, 'model.json')) || !statSync(dir).isDirectory()) return [n];
      return readdirSync(dir).sort().map((m) => `${n}/${m}`);
    });
  for (const name of names) {
    const dir = join(modelsDir, name);
    const file = join(dir, 'model.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readCheckedText(file, { what: 'checkpoint', maxBytes: MAX_JSON_BYTES }));
    const root = realpathSync(dir);
    const weights = checkedManifest(json.weightsManifest, file).flatMap((g) => g.paths);
    for (const p of weights) {
      const target = join(dir, p);
      if (!existsSync(target)) throw new Error(`${file}: missing weights file ${target}`);
      const real = realpathSync(target);
      if (!real.startsWith(root + sep) || !statSync(real).isFile()) throw new Error(`${file}: weights path ${JSON.stringify(p)} resolves to ${real}, outside the checkpoint folder ${root} or not a regular file`);
    }
    for (const f of ['model.json', ...weights]) {
      mkdirSync(join(outModels, name, f, '..'), { recursive: true });
      copyFileSync(join(dir, f), join(outModels, name, f));
    }
    const meta = json.userDefinedMetadata?.wfr ?? {};
    list.push({ name, dataset: meta.dataset?.name, sde: meta.sde, step: meta.training?.step, timeScoreSteps: meta.training?.timeScoreSteps, standardization: meta.standardization });
  }
  return list;
}
