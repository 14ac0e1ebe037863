// Class 1 of the hostile inputs: a signal in any long phase ends the run cleanly. Training
// interrupted in its cut-off measurement saves (without the cut-off) and exits 128 + signal; a
// sampling run writes nothing and exits the same way; both with the signal sent to the node
// process alone and to the whole process group as a terminal sends it through `npm run`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'wfr-signals-'));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/**
 * Starts `script` in its own process group — through npm (`npm run -s script --`) or as node
 * itself — and sends `signal` once its output matches `when`: to the node process alone or to
 * the group. `again` sends the same signal a second time that many ms later.
 */
function interrupt(o: { via: 'node' | 'npm'; script: 'train' | 'sample'; args: string[]; when: RegExp; signal: NodeJS.Signals; to: 'process' | 'group'; again?: number }): Promise<Ended> {
  const [cmd, args] = o.via === 'npm' ? ['npm', ['run', '-s', o.script, '--', ...o.args]] : [process.execPath, ['--import', 'tsx', `src/cli/${o.script}.ts`, ...o.args]];
  const child = spawn(cmd, args, { cwd: root, detached: true, env: { ...process.env, FORCE_COLOR: '0' } });
  let out = '';
  let err = '';
  let sent = false;
  const send = () => process.kill(o.to === 'group' ? -child.pid! : child.pid!, o.signal);
  child.stdout.on('data', (d) => {
    out += d;
    if (!sent && o.when.test(out)) {
      sent = true;
      send();
      if (o.again !== undefined) setTimeout(() => child.exitCode === null && send(), o.again);
    }
  });
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
}

/** The exit a shell reports: the code, or 128 + the signal that killed the process (npm re-raises it). */
const shellCode = (e: Ended) => e.code ?? 128 + ({ SIGINT: 2, SIGHUP: 1, SIGTERM: 15 } as Record<string, number>)[e.signal!];

const tiny = ['--steps', '20', '--time-score-steps', '0', '--hidden', '16,16', '--batch', '64', '--backend', 'wasm'];
const meta = (dir: string) => JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).userDefinedMetadata.wfr;

describe('a signal during the cut-off measurement saves the checkpoint and exits 128 + signal', () => {
  const cases: [string, 'node' | 'npm', NodeJS.Signals, 'process' | 'group', number][] = [
    ['SIGHUP to the node process', 'node', 'SIGHUP', 'process', 129],
    ['SIGTERM to the process group (a service manager)', 'node', 'SIGTERM', 'group', 143],
    ['Ctrl-C to the group of `npm run train`', 'npm', 'SIGINT', 'group', 130],
  ];
  for (const [what, via, signal, to, code] of cases) {
    it.concurrent(what, async () => {
      const dir = join(tmp, `cutoff-${via}-${signal}-${to}`);
      const r = await interrupt({ via, script: 'train', args: ['--out', dir, ...tiny], when: /measuring the weights' cut-off/, signal, to });
      expect(shellCode(r), r.err).toBe(code);
      expect(r.err).toMatch(new RegExp(`${signal === 'SIGINT' ? 'interrupted' : signal}: saving a checkpoint`));
      expect(r.out).toMatch(/stopped at step 20: .*the weights' cut-off was not measured/s);
      // Every step is saved, with the recipe's cut-off; nothing half-written or locked is left.
      expect(meta(dir).training.step).toBe(20);
      expect(meta(dir).cutoff).toBeUndefined();
      expect(existsSync(join(dir, 'state.bin'))).toBe(true);
      expect(readdirSync(dir).filter((f) => f === '.lock' || f.endsWith('.tmp'))).toEqual([]);
    });
  }
});

describe('a signal while sampling writes nothing and exits 128 + signal', () => {
  const cases: [string, 'node' | 'npm', NodeJS.Signals, 'process' | 'group', number][] = [
    ['SIGINT to the node process', 'node', 'SIGINT', 'process', 130],
    ['Ctrl-C to the group of `npm run sample`', 'npm', 'SIGINT', 'group', 130],
  ];
  for (const [what, via, signal, to, code] of cases) {
    it.concurrent(what, async () => {
      const dir = mkdtempSync(join(tmp, 'sample-'));
      const r = await interrupt({ via, script: 'sample', args: ['--steps', '5000', '--n', '200', '--out', join(dir, 's.csv'), '--backend', 'wasm'], when: /N = 200/, signal, to });
      expect(shellCode(r), r.err).toBe(code);
      expect(r.err).toMatch(/stopping; no output is written/);
      expect(r.out).not.toMatch(/wrote/);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it.concurrent('a second signal, later than a forwarded copy of the first, quits at once', async () => {
    const dir = mkdtempSync(join(tmp, 'twice-'));
    // --n large enough that the first signal's step is still running when the second comes.
    const r = await interrupt({ via: 'node', script: 'sample', args: ['--steps', '5000', '--n', '200', '--out', join(dir, 's.csv'), '--backend', 'wasm'], when: /N = 200/, signal: 'SIGTERM', to: 'process', again: 0 });
    // Sent together, the two are one signal: the run stops as for one.
    expect(r.code).toBe(143);
    expect(r.err).toMatch(/SIGTERM: stopped/);
    expect(r.err).not.toMatch(/quitting at once/);
  });
});
