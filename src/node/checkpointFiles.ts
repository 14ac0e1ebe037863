// Checkpoints on disk, in models/<name>/:
//   model.json + weights-<step>.bin   the EMA potential (standard tfjs layers model)
//   state.bin                         training state for --resume (weights, EMA, Adam, step, RNG, losses)
// Every file is written atomically; model.json names its weights file, and a new weights file
// is written under a new name before model.json points at it, so a crash at any moment leaves
// a consistent model.json + weights pair.

import type * as tf from '@tensorflow/tfjs';
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { loadFromModelJson, modelJsonText, parseModelJson, toArtifacts, weightsFileName, type LoadedModel, type ModelMeta } from '../checkpoint.js';
import { checkWeightBytes, CheckpointPathError } from '../checkpointPaths.js';
import { MetaError } from '../checkpointSchema.js';
import type { TrainerState } from '../train/trainer.js';
import { parseStateHeader, type StateHeader } from './stateHeader.js';
import { writeFileAtomic } from './files.js';
import { InputFileError, MAX_JSON_BYTES, MAX_STATE_BYTES, readChecked, readCheckedText } from './checkedFile.js';

/** The training-state format this code writes and reads (a newer one is refused, never rewritten). */
const STATE_VERSION = 1;
const STATE_MAGIC = `WFRSTATE${STATE_VERSION}\n`;

export class CheckpointError extends Error {}

export async function saveModel(dir: string, params: tf.Tensor[], meta: ModelMeta): Promise<void> {
  // The weights file's name comes from the step: a bad one must fail before anything is written or deleted.
  if (!Number.isSafeInteger(meta.training.step) || meta.training.step < 0) throw new CheckpointError(`${join(dir, 'model.json')}: not saved, step ${JSON.stringify(meta.training.step)} is not an integer ≥ 0`);
  const artifacts = await toArtifacts(params, meta);
  const weightsName = weightsFileName(meta.training.step);
  writeFileAtomic(join(dir, weightsName), new Uint8Array(artifacts.weightData as ArrayBuffer));
  writeFileAtomic(join(dir, 'model.json'), modelJsonText(artifacts, weightsName));
  for (const f of readdirSync(dir)) {
    if (/^weights-\d+\.bin$/.test(f) && f !== weightsName) rmSync(join(dir, f), { force: true });
  }
}

/**
 * Loads model.json and its weights from a directory (or a model.json path). The checkpoint is
 * untrusted: every weights file it names must be a regular file inside its folder (no '..',
 * absolute path, URL or symlink out of it) whose size is what the manifest's specs need.
 */
export async function loadModel(path: string): Promise<LoadedModel> {
  const file = path.endsWith('.json') ? path : join(path, 'model.json');
  if (!existsSync(file)) throw new CheckpointError(`no checkpoint at ${path} (missing ${file})`);
  const dir = dirname(file);
  let json: unknown;
  try {
    json = parseModelJson(readCheckedText(file, { what: 'checkpoint', maxBytes: MAX_JSON_BYTES }), file);
  } catch (e) {
    if (e instanceof InputFileError) throw new CheckpointError(e.message);
    throw new CheckpointError(`corrupt checkpoint ${file}: ${(e as Error).message}`);
  }
  try {
    return await loadFromModelJson(json, file, async (g) => {
      const paths = g.paths.map((p) => weightsFile(dir, p, file));
      checkWeightBytes(g, paths.reduce((n, p) => n + statSync(p).size, 0), file);
      return new Uint8Array(Buffer.concat(paths.map((p) => readFileSync(p))));
    });
  } catch (e) {
    if (e instanceof CheckpointPathError || e instanceof MetaError) throw new CheckpointError((e as Error).message);
    throw new CheckpointError(`corrupt checkpoint ${file}: ${(e as Error).message}`);
  }
}

/** The weights file `p` of the checkpoint `file` in `dir`: it must exist, be regular, and resolve inside `dir`. */
function weightsFile(dir: string, p: string, file: string): string {
  const target = join(dir, p);
  if (!existsSync(target)) throw new CheckpointPathError(`${file}: missing weights file ${target}`);
  const real = realpathSync(target);
  const root = realpathSync(dir);
  if (!real.startsWith(root + sep)) throw new CheckpointPathError(`${file}: weights path ${JSON.stringify(p)} resolves to ${real}, outside the checkpoint folder ${root}`);
  if (!statSync(real).isFile()) throw new CheckpointPathError(`${file}: weights path ${JSON.stringify(p)} is not a regular file`);
  return real;
}

type StateArrays = Pick<TrainerState, 'online' | 'ema' | 'adamM' | 'adamV'>;
const ARRAY_KEYS = ['online', 'ema', 'adamM', 'adamV'] as const;

/** state.bin: magic line, JSON header length (uint32 LE), JSON header, float32 payload. */
export function saveTrainState(dir: string, state: TrainerState, extra: Record<string, unknown>): void {
  const layout: Record<string, number[]> = {};
  const chunks: Float32Array[] = [];
  for (const k of ARRAY_KEYS) {
    layout[k] = state[k].map((a) => a.length);
    chunks.push(...state[k]);
  }
  const header = JSON.stringify({
    step: state.step,
    rng: state.rng,
    losses: state.losses,
    timeScoreSteps: state.timeScoreSteps,
    layout,
    ...extra,
  });
  const headerBytes = new TextEncoder().encode(header);
  const pad = (4 - ((STATE_MAGIC.length + 4 + headerBytes.length) % 4)) % 4;
  const floats = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(STATE_MAGIC.length + 4 + headerBytes.length + pad + 4 * floats);
  out.set(new TextEncoder().encode(STATE_MAGIC), 0);
  new DataView(out.buffer).setUint32(STATE_MAGIC.length, headerBytes.length + pad, true);
  out.set(headerBytes, STATE_MAGIC.length + 4);
  out.fill(0x20, STATE_MAGIC.length + 4 + headerBytes.length, STATE_MAGIC.length + 4 + headerBytes.length + pad);
  let offset = (STATE_MAGIC.length + 4 + headerBytes.length + pad) / 4;
  const f32 = new Float32Array(out.buffer);
  for (const c of chunks) {
    f32.set(c, offset);
    offset += c.length;
  }
  writeFileAtomic(join(dir, 'state.bin'), out);
}

export function loadTrainState(dir: string): { state: TrainerState; header: StateHeader } {
  const file = join(dir, 'state.bin');
  if (!existsSync(file)) throw new CheckpointError(`cannot resume: no training state at ${file}`);
  const corrupt = (why: string) => new CheckpointError(`corrupt training state ${file}: ${why}`);
  const buf = readChecked(file, { what: 'training state', maxBytes: MAX_STATE_BYTES });
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const magic = new TextDecoder().decode(bytes.subarray(0, STATE_MAGIC.length));
  const version = /^WFRSTATE(\d+)\n$/.exec(magic)?.[1];
  if (version !== undefined && Number(version) > STATE_VERSION) {
    throw new CheckpointError(`${file} is training-state format version ${version}, newer than this code (it reads version ${STATE_VERSION}): update wfr-score to resume it`);
  }
  if (magic !== STATE_MAGIC) throw corrupt('bad magic');
  if (bytes.length < STATE_MAGIC.length + 4) throw corrupt('truncated');
  const hlen = new DataView(bytes.buffer).getUint32(STATE_MAGIC.length, true);
  const start = STATE_MAGIC.length + 4;
  if (start + hlen > bytes.length) throw corrupt('truncated header');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + hlen)));
  } catch {
    throw corrupt('unreadable header');
  }
  let header: StateHeader;
  try {
    header = parseStateHeader(raw, file);
  } catch (e) {
    throw new CheckpointError((e as Error).message);
  }
  const payload = bytes.length - start - hlen;
  if ((start + hlen) % 4 !== 0 || payload % 4 !== 0) throw corrupt(`payload of ${payload} bytes is not a whole number of float32 values`);
  const f32 = new Float32Array(bytes.buffer, start + hlen);
  let offset = 0;
  const arrays = {} as StateArrays;
  for (const k of ARRAY_KEYS) {
    arrays[k] = header.layout[k].map((n) => {
      if (offset + n > f32.length) throw corrupt('truncated payload');
      const a = f32.slice(offset, offset + n);
      offset += n;
      return a;
    });
  }
  if (offset !== f32.length) throw corrupt(`payload has ${f32.length - offset} extra values`);
  const state: TrainerState = {
    step: header.step,
    rng: header.rng,
    losses: header.losses,
    timeScoreSteps: header.timeScoreSteps ?? 0,
    ...arrays,
  };
  return { state, header };
}
