// The flags of `npm run train`: every training knob's flag (from TRAIN_KNOBS) plus the few the
// command itself owns (where to write, resume/force, backend), and the parser with its help.
// Apart from train.ts so tests can build the parser without running the command.

import type { Argv, Options } from 'yargs';
import { flagOf, type Knobs } from '../config/knobs.js';
import { RESUMABLE, TRAIN_KNOBS } from '../train/config.js';
import { BACKEND_KNOBS } from '../node/backend.js';
import { cli } from './common.js';
import { TRAIN_EXAMPLES } from './examples.js';
import { yargsOptions } from './flags.js';

/** Flags of the command, not of the training: they never reach the TrainConfig. */
export const TRAIN_COMMAND_KNOBS = {
  out: { kind: 'string', help: 'checkpoint directory (default out/models/<dataset or CSV name>)' },
  resume: { kind: 'boolean', default: false, help: `continue the run saved in --out; only ${[...RESUMABLE].map((f) => '--' + flagOf(TRAIN_KNOBS, f)).join(', ')} --backend and --threads may change` },
  force: { kind: 'boolean', default: false, help: 'replace a checkpoint already in --out' },
  ...BACKEND_KNOBS,
} as const satisfies Knobs;

/** Every yargs option of `npm run train`. */
export function trainOptions(): Record<string, Options> {
  return yargsOptions({ ...TRAIN_KNOBS, ...TRAIN_COMMAND_KNOBS });
}

/** The parser of `npm run train` over `args`, with usage, description and examples. */
export function trainParser(args?: string[]): Argv {
  return cli('train', args)
    .usage(
      'Usage: $0 [--dataset NAME | --data FILE.csv] [options]\n\n' +
        'Train a learned-potential score model U(x, t) by denoising score matching under a VP, sub-VP or VE ' +
        'forward SDE. Writes a TensorFlow.js checkpoint (model.json, weights, state.bin for --resume), the loss ' +
        'curve (loss.csv, loss.png) and the run facts (train.json) into --out; Ctrl-C saves and exits 130.',
    )
    .options(trainOptions())
    .example(TRAIN_EXAMPLES.map(([line, what]) => [`$0 ${line}`, what]));
}
