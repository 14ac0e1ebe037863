// The frame a model works in (`--frame`): the centre and scale that map data to model
// coordinates. Models meant to be multiplied must share one, so that their potentials are
// functions of the same coordinates (docs/math.md §4d); the checkpoint stores it.

import { existsSync, statSync } from 'node:fs';
import { MAX_JSON_BYTES, readCheckedText } from './checkedFile.js';
import { join } from 'node:path';
import { parseModelJson } from '../checkpoint.js';
import { parseMeta } from '../checkpointSchema.js';
import { frameProblem, type Standardization } from '../data/standardize.js';

/** The identity frame: model coordinates are the data's own units. */
export const STANDARD_FRAME: Standardization = { mean: [0, 0], scale: 1 };

/**
 * `data` → undefined (fit centre and scale to the training data); `standard` → the identity;
 * else a checkpoint directory (or its model.json) whose frame to share, or a JSON file
 * {"mean": [x, y], "scale": s}, or that JSON inline. Errors name the file and what is wrong with it.
 */
export function resolveFrame(spec: string): Standardization | undefined {
  if (spec === 'data') return undefined;
  if (spec === 'standard') return STANDARD_FRAME;
  if (spec.trimStart().startsWith('{')) {
    let inline: unknown;
    try {
      inline = JSON.parse(spec);
    } catch (e) {
      throw new Error(`--frame ${spec}: not JSON: ${(e as Error).message}`);
    }
    return checkFrame(inline, 'inline');
  }
  if (!existsSync(spec)) throw new Error(`--frame ${spec}: no such file or checkpoint directory (or give data / standard)`);
  const file = statSync(spec).isDirectory() ? join(spec, 'model.json') : spec;
  if (!existsSync(file)) throw new Error(`--frame ${spec}: the directory holds no model.json`);
  const text = readCheckedText(file, { what: '--frame', maxBytes: MAX_JSON_BYTES });
  let json: Record<string, unknown>;
  try {
    json = parseModelJson(text, file) as Record<string, unknown>;
    if (json && typeof json === 'object' && 'modelTopology' in json) {
      return parseMeta((json.userDefinedMetadata as { wfr?: unknown } | undefined)?.wfr, file).standardization;
    }
  } catch (e) {
    throw new Error(`--frame ${spec}: ${(e as Error).message}`);
  }
  return checkFrame(json, file);
}

/** A frame object read from a file, checked field by field. */
export function checkFrame(o: unknown, source: string): Standardization {
  const f = o as Partial<Standardization> | null;
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (!f || typeof f !== 'object' || !Array.isArray(f.mean) || f.mean.length !== 2 || !f.mean.every(finite)) {
    throw new Error(`--frame ${source}: field mean must be two finite numbers, as in {"mean": [0, 0], "scale": 1}`);
  }
  if (!(finite(f.scale) && f.scale! > 0)) throw new Error(`--frame ${source}: field scale must be a finite number > 0`);
  const frame: Standardization = { mean: [f.mean[0], f.mean[1]], scale: f.scale! };
  const problem = frameProblem(frame);
  if (problem) throw new Error(`--frame ${source}: a degenerate frame: ${problem}`);
  return frame;
}
