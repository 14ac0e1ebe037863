// The examples of every command's --help run on a fresh clone: run in order (train, then sample,
// then eval), each path an example reads exists in the repository or was written by an earlier
// example, and each flag it uses is one the command's --help lists.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_EXAMPLES, SAMPLE_EXAMPLES, TRAIN_EXAMPLES, type Example } from '../src/cli/examples.js';
import { defaultOut } from '../src/node/sampleCommand.js';
import { trainOut } from '../src/node/trainSetup.js';
import { trainParser } from '../src/cli/trainFlags.js';
import { SAMPLE_KNOBS } from '../src/sampling/settings.js';

const root = join(import.meta.dirname, '..');

/** An example's flags: name → values (a flag followed by another flag, or last, has none). */
export function flagsOf(line: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const tokens = line.trim().split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(tokens[i]);
    if (!m) continue;
    const value = m[2] ?? (tokens[i + 1] !== undefined && !tokens[i + 1].startsWith('--') ? tokens[++i] : undefined);
    out.set(m[1], [...(out.get(m[1]) ?? []), ...(value === undefined ? [] : [value])]);
  }
  return out;
}

type Command = 'train' | 'sample' | 'eval';

/** The paths an example reads, and those it writes (outputs a later example may read). */
export function pathsOf(command: Command, line: string): { reads: string[]; writes: string[] } {
  const f = flagsOf(line);
  const one = (name: string) => f.get(name)?.[0];
  const frame = one('frame');
  // exact:NAME models and inline JSON frames are not paths.
  const models = (f.get('model') ?? []).filter((m) => !m.startsWith('exact:'));
  const frameFile = frame && !['data', 'standard'].includes(frame) && !frame.replace(/^'/, '').startsWith('{') ? [frame] : [];
  const reads = [...models, ...(f.get('data') ?? []), ...(f.get('samples') ?? []), ...frameFile];
  if (command === 'train') {
    const out = trainOut({ out: one('out'), values: { dataset: one('dataset'), data: one('data') } });
    return f.has('resume') ? { reads: [...reads, out], writes: [out] } : { reads, writes: [out] };
  }
  if (command === 'sample') {
    const models = f.get('model') ?? ['models/eight-gaussians-imbalanced'];
    return { reads, writes: [one('out') ?? defaultOut(models, one('sampler') ?? String(SAMPLE_KNOBS.sampler.default))] };
  }
  return { reads, writes: [] };
}

/** Problems with running `examples` in order, given the paths written before them. */
export function examplePathProblems(runs: [Command, readonly Example[]][], exists: (p: string) => boolean): string[] {
  const written = new Set<string>();
  const problems: string[] = [];
  for (const [command, examples] of runs) {
    for (const [line] of examples) {
      const { reads, writes } = pathsOf(command, line);
      for (const p of reads) if (!exists(p) && !written.has(p)) problems.push(`npm run ${command} -- ${line}: ${p} neither exists nor is written by an earlier example`);
      writes.forEach((p) => written.add(p));
    }
  }
  return problems;
}

const RUNS: [Command, readonly Example[]][] = [
  ['train', TRAIN_EXAMPLES],
  ['sample', SAMPLE_EXAMPLES],
  ['eval', EVAL_EXAMPLES],
];

function help(script: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--help'], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((res) => child.on('close', () => res(out)));
}

describe('help examples', () => {
  it('are read as a user runs them: flags, values, what is read and what is written', () => {
    expect([...flagsOf('--resume --out out/a --model m1 --model m2 --steps=5 --no-plot')]).toEqual([
      ['resume', []],
      ['out', ['out/a']],
      ['model', ['m1', 'm2']],
      ['steps', ['5']],
      ['no-plot', []],
    ]);
    expect(pathsOf('train', '--dataset two-moons')).toEqual({ reads: [], writes: ['out/models/two-moons'] });
    expect(pathsOf('train', '--resume --out out/x')).toEqual({ reads: ['out/x'], writes: ['out/x'] });
    expect(pathsOf('sample', '--sampler em')).toEqual({ reads: [], writes: ['out/shipped-eight-gaussians-imbalanced-em.csv'] });
  });

  it('flag a path that is neither in the repository nor written before it', () => {
    const runs: [Command, Example[]][] = [
      ['sample', [['--model models/blobs-x --out out/a.csv', '']]],
      ['eval', [['--samples out/a.csv --dataset blobs-x', ''], ['--samples out/b.csv --dataset blobs-x', '']]],
    ];
    expect(examplePathProblems(runs, (p) => p === 'models/compose/blobs-x')).toEqual([
      'npm run sample -- --model models/blobs-x --out out/a.csv: models/blobs-x neither exists nor is written by an earlier example',
      'npm run eval -- --samples out/b.csv --dataset blobs-x: out/b.csv neither exists nor is written by an earlier example',
    ]);
  });

  it('name only paths that exist on a fresh clone or that an earlier example writes', () => {
    expect(examplePathProblems(RUNS, (p) => existsSync(join(root, p)))).toEqual([]);
  });

  // train's parser is built in-process; sample's and eval's live in their command files, which run on import.
  it.concurrent.each([
    ['train', 'src/cli/train.ts', TRAIN_EXAMPLES, () => trainParser([]).getHelp()],
    ['sample', 'src/cli/sample.ts', SAMPLE_EXAMPLES, () => help('src/cli/sample.ts')],
    ['eval', 'src/cli/eval.ts', EVAL_EXAMPLES, () => help('src/cli/eval.ts')],
  ] as const)('npm run %s -- --help shows its examples, and every flag they use is one it lists', async (_, script, examples, getHelp) => {
    const text = await getHelp();
    const [options, shown] = text.split(/^Examples:$/m);
    // yargs lists one-letter flags with one dash (-n).
    const listed = new Set([...options.matchAll(/^\s+--?([a-z][a-z0-9-]*)/gm)].map((m) => m[1]));
    expect(listed.size).toBeGreaterThan(5);
    // The examples column wraps, so each token is looked for on its own.
    const shownTokens = new Set(shown.split(/\s+/));
    for (const [line] of examples) {
      for (const token of line.split(/\s+/)) expect(shownTokens, `${line}: ${token} is not in the Examples of --help`).toContain(token);
      for (const flag of flagsOf(line).keys()) expect(listed, `${line}: --${flag} is not a flag of ${script}`).toContain(flag);
    }
  });
});
