// One training run per output folder: <out>/.lock holds the owner's pid, created with the
// exclusive flag so two runs started together cannot both get it. A lock whose pid is no longer
// running is stale (the owner was killed with -9) and is taken over with a note. The lock goes
// at exit — normal, on an error, or after a signal — and so does the folder if the run created
// it and left it empty (a refused run leaves nothing behind).

import { closeSync, openSync, readdirSync, readFileSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readCheckedText } from './checkedFile.js';
import { checkOutDir, mkdirs, processAlive, removeStaleTemps } from './files.js';

export const LOCK_NAME = '.lock';

export class LockError extends Error {}

const alive = processAlive;

/**
 * Takes <dir>/<name> (creating dir); throws naming the lock and its pid if a live process holds it.
 * `holder` says what that process is doing, for the message.
 */
export function acquireLock(dir: string, note: (line: string) => void, o: { name?: string; holder?: string; flag?: string } = {}): () => void {
  const holder = o.holder ?? `another training run is writing to ${dir}`;
  const flag = o.flag ?? '--out';
  checkOutDir(dir, flag);
  let created: string | undefined;
  try {
    created = mkdirs(dir);
  } catch (e) {
    throw new LockError(`cannot create ${flag} ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lock = join(dir, o.name ?? LOCK_NAME);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new LockError(`cannot write to ${flag} ${dir}: ${code ?? (e as Error).message}`);
      const text = readCheckedText(lock, { what: 'lock file', maxBytes: 64 }).trim();
      const pid = Number(text);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new LockError(`${lock} is held by process ${pid}: ${holder} (wait for it, or use another ${flag})`);
      }
      if (attempt > 0) throw new LockError(`${lock}: could not take over the stale lock`);
      note(`note: taking over the stale lock ${lock} (process ${text || '?'} is not running)`);
      rmSync(lock, { force: true });
    }
  }
  // Temp files of a writer killed mid-save (kill -9) are never renamed: the lock's holder clears them.
  const stale = o.name ? [] : removeStaleTemps(dir);
  if (stale.length) note(`note: removed ${stale.length} temp file${stale.length > 1 ? 's' : ''} a killed run left in ${dir} (${stale.join(', ')})`);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock, { force: true });
      // The folders this run created, innermost first, while empty.
      if (created) for (let d = resolve(dir); d.startsWith(resolve(created)) && readdirSync(d).length === 0; d = dirname(d)) rmdirSync(d);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return release;
}
