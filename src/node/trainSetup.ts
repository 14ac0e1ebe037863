// What a `npm run train` invocation will do before any step runs: where it writes, the config
// (from the flags, or the checkpoint's on --resume with the few changes a resume allows), and
// the data. Every refusal (existing checkpoint, fixed flag on resume, bad value) happens here.

import { existsSync } from 'node:fs';
import { MAX_CSV_BYTES, MAX_JSON_BYTES, readCheckedText } from './checkedFile.js';
import { FORMAT_VERSION } from '../checkpointSchema.js';
import { basename, join } from 'node:path';
import { flagOf, type KnobValues } from '../config/knobs.js';
import { parseLabeledPointsCsv, parsePointsCsv } from '../data/csv.js';
import { MAX_CLASSES } from '../checkpointSchema.js';
import type { Standardization } from '../data/standardize.js';
import { builtinSource, pointsSource, type DataSource } from '../data/source.js';
import { Rng } from '../rng.js';
import { RESUMABLE, resumedConfig, TRAIN_KNOBS, trainConfigFrom, trainKnobValues, validateTrainConfig, type TrainConfig, type TrainKnobValues } from '../train/config.js';
import type { TrainerState } from '../train/trainer.js';
import { loadTrainState } from './checkpointFiles.js';
import { resolveFrame } from './frame.js';

export interface TrainRequest {
  /** The training knobs' values as parsed (defaults included). */
  values: Partial<TrainKnobValues>;
  /** Flags the user typed, by camelCase name (a training knob's is its field): on --resume only
   * these knobs may differ from the checkpoint. */
  typed: ReadonlySet<string>;
  out?: string;
  resume: boolean;
  force: boolean;
}

export interface TrainSetup {
  out: string;
  config: TrainConfig;
  data: DataSource;
  resumeState?: TrainerState;
}

/** Where the run writes: --out, or out/models/<dataset or CSV name>. */
export function trainOut(r: Pick<TrainRequest, 'out' | 'values'>): string {
  return r.out ?? join('out', 'models', r.values.data ? basename(r.values.data).replace(/\.csv$/i, '') : (r.values.dataset ?? trainConfigFrom({}).dataset));
}

export function trainSetup(r: TrainRequest): TrainSetup {
  const out = trainOut(r);
  if (!r.resume && !r.force && (existsSync(join(out, 'model.json')) || existsSync(join(out, 'state.bin')))) {
    throw new Error(`${out} already holds a checkpoint: --resume continues it, --force replaces it, --out writes elsewhere`);
  }
  if (r.typed.has('dataset') && r.typed.has('data')) throw new Error('--dataset and --data both name the training data: give one (--data FILE.csv trains on your points)');
  const { config, resumeState, savedFrame } = r.resume ? resumed(r, out) : { config: trainConfigFrom(r.values), resumeState: undefined, savedFrame: undefined };
  validateTrainConfig(config);
  // A resumed run keeps the frame it started in, whatever the --frame file holds now.
  const frame = resumeState ? (savedFrame as Standardization) : resolveFrame(config.frame ?? 'data');
  const what = r.resume ? `${join(out, 'state.bin')}: config.dataFile` : '--data';
  const data = config.dataFile ? csvSource(config.dataFile, frame, !!config.conditional, what) : builtinSource(config.dataset, frame);
  if (frame) checkDataInFrame(data, resumeState ? `the frame in ${join(out, 'state.bin')}` : `--frame ${config.frame}`);
  return { out, config, data, resumeState };
}

/** A CSV as training data: two columns, or with --conditional x,y,label; its size and type checked before it is read. */
function csvSource(file: string, frame: Standardization | undefined, conditional: boolean, what: string): DataSource {
  const text = readCheckedText(file, { what, maxBytes: MAX_CSV_BYTES });
  if (!conditional) return pointsSource(file, parsePointsCsv(text, file), frame);
  const { points, labels, names } = parseLabeledPointsCsv(text, file, MAX_CLASSES);
  return pointsSource(file, points, frame, { labels, names });
}

/** A given frame must put the data where the network works (a few units from 0), not at 1e30. */
const MAX_FRAME_Z = 1000;

function checkDataInFrame(data: DataSource, what: string): void {
  const z = data.sample(new Rng(0, 'frame-check'), 2000);
  const far = z.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (!(far <= MAX_FRAME_Z)) {
    throw new Error(`${what} puts the data up to ${far.toPrecision(3)} scale units from its centre; a frame must hold them within ${MAX_FRAME_Z} (centre near the data, scale near its spread), or use --frame data`);
  }
}

function resumed(r: TrainRequest, out: string): { config: TrainConfig; resumeState: TrainerState; savedFrame: unknown } {
  // Typed flags that are not training knobs (--out, --backend, ...) belong to the command.
  const typed = Object.keys(TRAIN_KNOBS).filter((f) => r.typed.has(f));
  const fixed = typed.filter((f) => !RESUMABLE.has(f));
  if (fixed.length) throw new Error(`--${flagOf(TRAIN_KNOBS, fixed[0])} cannot change on --resume: the checkpoint in ${out} fixes it`);
  refuseNewerModel(out);
  const { state, header } = loadTrainState(out);
  // The saved config is checked on its own first, so that a bad value in the file is not blamed on a flag.
  try {
    validateTrainConfig(header.config);
  } catch (e) {
    throw new Error(`corrupt training state ${join(out, 'state.bin')}: its saved config is out of range (${(e as Error).message.replace(/^--/, 'the value of --')}), not a flag you typed`);
  }
  const values = r.values as KnobValues;
  const changes = Object.fromEntries(typed.map((f) => [f, values[f]]));
  const config = resumedConfig(header.config, changes, state.step);
  checkChangesTookEffect(changes, config, out);
  return { config, resumeState: state, savedFrame: header.standardization };
}

/**
 * Every flag typed on --resume must reach the config the run trains with: read back from it, each
 * knob has the typed value, or the resume is refused (instead of training without it).
 */
function checkChangesTookEffect(changes: KnobValues, config: TrainConfig, out: string): void {
  const now = trainKnobValues(config).values as KnobValues;
  for (const [f, v] of Object.entries(changes)) {
    if (now[f] === v) continue;
    const flag = `--${flagOf(TRAIN_KNOBS, f)}`;
    const hint = now[f] === undefined && f.startsWith('timeScore') ? ': the run has no time-score phase (add one with --time-score-steps N)' : ` (it would train with ${JSON.stringify(now[f])})`;
    throw new Error(`${flag} ${JSON.stringify(v)} would have no effect on resuming ${out}${hint}`);
  }
}

/** A model.json written by a newer version would be rewritten in this version's format on the first save: refuse instead. */
function refuseNewerModel(out: string): void {
  const file = join(out, 'model.json');
  if (!existsSync(file)) return;
  let version: unknown;
  try {
    version = (JSON.parse(readCheckedText(file, { what: 'checkpoint', maxBytes: MAX_JSON_BYTES })) as { userDefinedMetadata?: { wfr?: { version?: unknown } } }).userDefinedMetadata?.wfr?.version;
  } catch {
    return; // a damaged model.json is replaced by the resumed run's first save
  }
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    throw new Error(`${file} is checkpoint format version ${version}, newer than this code writes (${FORMAT_VERSION}): resuming would rewrite it in the older format; update wfr-score, or --force a new run elsewhere`);
  }
}
