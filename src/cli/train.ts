// `npm run train`: parses the flags (training knobs from TRAIN_KNOBS, plus out/resume/force/
// backend) and hands them to the command (node/trainCommand.ts), which prints as it goes.

import { TRAIN_KNOBS } from '../train/config.js';
import { trainCommand } from '../node/trainCommand.js';
import { run, explicitFlags, say } from './common.js';
import { valuesFromArgv } from './flags.js';
import { TRAIN_COMMAND_KNOBS, trainParser } from './trainFlags.js';

run(async () => {
  const argv = await trainParser().parseAsync();
  const command = valuesFromArgv(TRAIN_COMMAND_KNOBS, argv) as { out?: string; resume: boolean; force: boolean; backend: string; threads: number };
  return trainCommand({ ...command, values: valuesFromArgv(TRAIN_KNOBS, argv), typed: explicitFlags(), log: say });
});
