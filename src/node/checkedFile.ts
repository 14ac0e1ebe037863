// Every file the CLI reads goes through here first: its type and size are known before a byte is
// read, so a FIFO (which would block forever), a device such as /dev/zero (which never ends), a
// folder or an oversized file is a clear error naming the flag and the path. The read itself is
// bounded too, for files whose size stat does not tell (/proc) or that grow while read.

import { closeSync, existsSync, openSync, readSync, statSync, type Stats } from 'node:fs';

export class InputFileError extends Error {}

export interface FileCheck {
  /** How the message names the file: a flag (`--data`) or a role (`checkpoint`). */
  what: string;
  /** Files larger than this are refused. */
  maxBytes: number;
}

export const MB = 2 ** 20;
/** Caps per kind of file: a CSV of 10⁷ rows is ~300 MB; a model.json is text of a few hundred KB. */
export const MAX_CSV_BYTES = 512 * MB;
export const MAX_JSON_BYTES = 64 * MB;
/** state.bin holds 4 copies of the weights: the 2 GB tensor cap (config/limits.ts) bounds it. */
export const MAX_STATE_BYTES = 2 ** 31 - 1;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder, not a file';
  if (st.isFIFO()) return 'a named pipe (FIFO), not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device, not a regular file';
  if (st.isSocket()) return 'a socket, not a regular file';
  return 'not a regular file';
}

const size = (n: number) => (n >= MB ? `${(n / MB).toFixed(0)} MB` : `${n} bytes`);

/** Throws unless `path` is an existing regular file (symlinks followed) of at most maxBytes; returns its size. */
export function checkFile(path: string, c: FileCheck): number {
  if (path.trim() === '') throw new InputFileError(`${c.what}: no file named (got '')`);
  if (!existsSync(path)) throw new InputFileError(`${c.what} ${path}: no such file`);
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw new InputFileError(`${c.what} ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!st.isFile()) throw new InputFileError(`${c.what} ${path} is ${kindOf(st)}`);
  if (st.size > c.maxBytes) throw new InputFileError(`${c.what} ${path} is ${size(st.size)}, over the ${size(c.maxBytes)} this reads`);
  return st.size;
}

/** The file's bytes, after checkFile, reading at most maxBytes (a file that grows past it is refused). */
export function readChecked(path: string, c: FileCheck): Buffer {
  const expected = checkFile(path, c);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputFileError(`${c.what} ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(expected - total, 64 * 1024), 16 * MB, c.maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > c.maxBytes) throw new InputFileError(`${c.what} ${path}: over the ${size(c.maxBytes)} this reads`);
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(`${c.what} ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

/** readChecked as UTF-8 text. */
export const readCheckedText = (path: string, c: FileCheck): string => readChecked(path, c).toString('utf8');
