// Shared CLI plumbing: one error path (message, non-zero exit, never a stack dump from the wasm
// module's exception hooks) and yargs set up strict so a mistyped flag is an error that names
// the flag it probably meant.

import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InterruptedError } from '../node/interrupt.js';

export class UsageError extends Error {}

/** A strict yargs parser for `npm run <name>` over `args` (the process's own by default). */
export function cli(name: string, args: string[] = hideBin(process.argv)): Argv {
  const y = yargs(args)
    // The installed package's launcher (bin/wfr-score.js) names the command as it was typed.
    .scriptName(process.env.WFR_SCORE_CLI ?? `npm run ${name} --`)
    .strict()
    .wrap(Math.min(110, process.stdout.columns || 110));
  // getOptions() is yargs' own list of the declared flags (public in yargs, absent from its types).
  const declared = () => Object.keys((y as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
  return y.fail((msg, err) => {
    throw err ?? new UsageError(withSuggestions(msg, declared()));
  });
}

/** Edit distance (insertions, deletions, substitutions) between two strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The known flag a mistyped one most likely meant: within two edits, or the one flag it begins. */
export function nearestFlag(typed: string, known: readonly string[]): string | undefined {
  const scored = known.map((k) => ({ k, d: editDistance(typed, k) })).sort((a, b) => a.d - b.d);
  if (scored.length && scored[0].d <= Math.min(2, Math.floor(typed.length / 2))) return scored[0].k;
  const extensions = typed.length >= 3 ? known.filter((k) => k.startsWith(typed)) : [];
  return extensions.length === 1 ? extensions[0] : undefined;
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** yargs' "Unknown argument(s): a, b" with "did you mean --x?" for each that is close to a flag. */
export function withSuggestions(msg: string, known: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return msg;
  // yargs also lists the camelCase twin of every dashed name it did not know.
  const listed = m[1].split(', ');
  const typed = listed.filter((a) => a.includes('-') || !listed.some((b) => b !== a && camel(b) === a));
  const hints = typed.flatMap((a) => {
    const near = nearestFlag(a, known);
    return near ? [typed.length === 1 ? `did you mean --${near}?` : `--${a}: did you mean --${near}?`] : [];
  });
  const head = `Unknown argument${typed.length === 1 ? '' : 's'}: ${typed.join(', ')}`;
  return hints.length ? `${head} (${hints.join('; ')})` : head;
}

/**
 * Text safe to print to a terminal: control characters (escape sequences that could move the
 * cursor, rewrite the title or hide text) and bidirectional overrides become visible \xNN /
 * \u{NNNN} escapes. Names printed here can come from untrusted checkpoints and files.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** console.log and console.warn through printable(). */
export const say = (line: string) => console.log(printable(line));
export const warn = (line: string) => console.warn(printable(line));

/** Runs an async main; any error prints as one line and exits 1. */
export function run(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e: Error) => {
      if (e instanceof InterruptedError) {
        process.stderr.write(`${e.message}: stopped\n`);
        process.exit(e.exitCode);
      }
      process.stderr.write(`error: ${printable(e.message)}\n`);
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
    if (m) out.add(camel(m[1]));
  }
  return out;
}
