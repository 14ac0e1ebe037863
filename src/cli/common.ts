// Shared CLI plumbing: one error path (message, non-zero exit, never a stack dump from the wasm
// module's exception hooks) and yargs set up strict so a mistyped flag is an error.

import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';

export class UsageError extends Error {}

/** A strict yargs parser for `npm run <name>` over `args` (the process's own by default). */
export function cli(name: string, args: string[] = hideBin(process.argv)): Argv {
  return yargs(args)
    .scriptName(`npm run ${name} --`)
    .strict()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
}

/** Runs an async main; any error prints as one line and exits 1. */
export function run(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e: Error) => {
      process.stderr.write(`error: ${e.message}\n`);
      if (process.env.DEBUG) process.stderr.write(`${e.stack}\n`);
      process.exit(1);
    },
  );
}

/** Flags the user typed (not defaults), by their camelCase names. */
export function explicitFlags(args: string[] = hideBin(process.argv)): Set<string> {
  const out = new Set<string>();
  for (const a of args) {
    const m = /^--(?:no-)?([^=]+)/.exec(a);
    if (m) out.add(m[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
  }
  return out;
}
