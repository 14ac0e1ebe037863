// File writes that never leave a half-written file: write a temp file beside the target, then
// rename over it (rename is atomic within a file system). And the checks of output paths that
// run before any work, so a bad path is refused at once, not after minutes of training/sampling.

import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The temp file of `path` for this process: <path>.<pid>.tmp. */
const tempOf = (path: string) => `${path}.${process.pid}.tmp`;
const TEMP = /\.(\d+)\.tmp$/;

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempOf(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export class OutputPathError extends Error {}

/** The nearest existing ancestor of `path` must be a writable folder (what mkdir -p would need). */
function checkCreatable(path: string, what: string): void {
  let d = resolve(path);
  while (!existsSync(d)) d = dirname(d);
  if (!statSync(d).isDirectory()) throw new OutputPathError(`${what}: ${d} is a file, so the folder cannot be created`);
  try {
    accessSync(d, constants.W_OK);
  } catch {
    throw new OutputPathError(`${what}: ${d} is not writable`);
  }
}

/** A training output folder: not '', not an existing file, creatable. */
export function checkOutDir(dir: string, flag = '--out'): void {
  const what = `${flag} ${JSON.stringify(dir)}`;
  if (dir.trim() === '') throw new OutputPathError(`${flag} must name a folder, got ''`);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new OutputPathError(`${what} is an existing file, not a folder`);
  checkCreatable(dir, what);
}

/** An output file: not '', not an existing folder, its folder creatable. */
export function checkOutFile(file: string, flag: string): void {
  const what = `${flag} ${JSON.stringify(file)}`;
  if (file.trim() === '') throw new OutputPathError(`${flag} must name a file, got ''`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new OutputPathError(`${what} is an existing folder, not a file`);
  checkCreatable(dirname(resolve(file)), what);
}

/**
 * mkdir -p one level at a time (Node's recursive mkdir never returns on some paths, e.g. under
 * /proc); returns the first folder created, if any.
 */
export function mkdirs(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d);
  return missing[0];
}

/** Whether process `pid` is running (EPERM: it is, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files a killed writer (kill -9 mid-write) left in `dir`: <name>.<pid>.tmp whose
 * process is gone — of the given target files only, or of any file when none are given.
 */
export function removeStaleTemps(dir: string, targets?: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const wanted = targets && new Set(targets.map((t) => basename(t)));
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    if (wanted && !wanted.has(name.slice(0, -m[0].length))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
