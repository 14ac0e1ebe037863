#!/usr/bin/env node
// `npx wfr-score <train|sample|eval> [flags]` from an install: runs that command's compiled CLI
// (dist/cli/*.js, the same code `npm run train|sample|eval` runs under tsx in a clone). Plain
// JavaScript, so it needs neither tsx nor TypeScript.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const COMMANDS = { train: 'fit a potential to a dataset or CSV', sample: 'draw samples from checkpoints', eval: 'score a samples file' };
const [command, ...args] = process.argv.slice(2);

if (!(command in COMMANDS)) {
  const usage = Object.entries(COMMANDS).map(([c, what]) => `  wfr-score ${c.padEnd(7)}${what}`).join('\n');
  (command && command !== '--help' ? console.error : console.log)(
    `${command && command !== '--help' ? `unknown command '${command}'\n` : ''}usage: wfr-score <command> [flags]; wfr-score <command> --help for its flags\n${usage}`,
  );
  process.exit(command && command !== '--help' ? 1 : 0);
}
// `sample`'s default model is a path in a clone; from an install it is the checkpoint the package
// ships, unless the working folder has its own models/ copy.
const DEFAULT_MODEL = 'models/eight-gaussians-imbalanced';
if (command === 'sample' && !args.some((a) => a === '--model' || a.startsWith('--model=')) && !existsSync(DEFAULT_MODEL)) {
  args.push('--model', fileURLToPath(new URL(`../${DEFAULT_MODEL}`, import.meta.url)));
}
const script = new URL(`../dist/cli/${command}.js`, import.meta.url);
// The CLI parses process.argv after the script, and names itself in --help by this.
process.argv = [process.argv[0], fileURLToPath(script), ...args];
process.env.WFR_SCORE_CLI = `wfr-score ${command}`;
await import(script.href);
