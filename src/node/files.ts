// File writes that never leave a half-written file: write a temp file beside the target, then
// rename over it (rename is atomic within a file system). And the checks of output paths that
// run before any work, so a bad path is refused at once, not after minutes of training/sampling.

import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The temp file of `path` for this process: <path>.<pid>.tmp. */
const tempOf = (path: string) => `${path}.${process.pid}.tmp`;
const TEMP = /\.(\d+)\.tmp$/;

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFilesAtomic([[path, data]]);
}

const REASONS: Record<string, string> = { ENOSPC: 'no space left on the device', EEXIST: 'a file stands where a folder is needed', ENOTDIR: 'a file stands where a folder is needed', EDQUOT: 'disk quota exceeded', EACCES: 'permission denied', EROFS: 'read-only file system' };

/** A write failure as one line naming the file and the cause in words. */
export class WriteError extends Error {}
const writeError = (path: string, e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  return new WriteError(`cannot write ${path}: ${code ? `${code}${REASONS[code] ? ` (${REASONS[code]})` : ''}` : (e as Error).message}`);
};

/**
 * Several files as one: every temp file is written first, and only when all are complete are
 * they renamed over their targets, so a full disk (or any failure) leaves none of them changed.
 */
export function writeFilesAtomic(files: [string, string | Uint8Array][]): void {
  const temps: string[] = [];
  try {
    for (const [path, data] of files) {
      try {
        mkdirSync(dirname(path), { recursive: true });
        temps.push(tempOf(path));
        writeFileSync(tempOf(path), data);
      } catch (e) {
        throw writeError(path, e);
      }
    }
    for (const [path] of files) {
      try {
        renameSync(tempOf(path), path);
      } catch (e) {
        throw writeError(path, e);
      }
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
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
  checkNameLengths(join(dir, 'x'), what);
  checkCreatable(dir, what);
}

/** The longest file name most file systems take (NAME_MAX), and what the temp suffix .<pid>.tmp adds to it. */
const NAME_MAX = 255;
const TEMP_SUFFIX = '.4194304.tmp';

/** Every component of the path fits NAME_MAX, the file's own with its temp suffix (checked before the work, not at the write). */
function checkNameLengths(file: string, what: string): void {
  const parts = resolve(file).split('/');
  const last = parts.pop()!;
  const long = parts.find((p) => Buffer.byteLength(p) > NAME_MAX);
  if (long) throw new OutputPathError(`${what}: the folder name ${JSON.stringify(long.slice(0, 40) + '…')} is ${Buffer.byteLength(long)} bytes, over the ${NAME_MAX} a file system takes`);
  const bytes = Buffer.byteLength(last + TEMP_SUFFIX);
  if (bytes > NAME_MAX) throw new OutputPathError(`${what}: the file name is ${Buffer.byteLength(last)} bytes; at most ${NAME_MAX - TEMP_SUFFIX.length} (a file system takes ${NAME_MAX}, and the atomic write adds ${TEMP_SUFFIX.length})`);
}

/** An output file: not '', not an existing folder, a name the file system takes, its folder creatable. */
export function checkOutFile(file: string, flag: string, extensions?: string[]): void {
  const what = `${flag} ${JSON.stringify(file)}`;
  if (file.trim() === '') throw new OutputPathError(`${flag} must name a file, got ''`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new OutputPathError(`${what} is an existing folder, not a file`);
  if (extensions && !extensions.some((x) => file.toLowerCase().endsWith(x))) throw new OutputPathError(`${what} must end in ${extensions.join(' or ')}`);
  checkNameLengths(file, what);
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
