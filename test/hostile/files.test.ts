// Class 4 of the hostile inputs: every file is checked before it is read. For each reader of the
// CLI, a FIFO (would block forever), /dev/zero (never ends), a folder and an oversized (sparse)
// file are refused at once with a message naming the flag or role and the path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, MAX_JSON_BYTES, MAX_STATE_BYTES } from '../../src/node/checkedFile.js';
import { loadModel, loadTrainState } from '../../src/node/checkpointFiles.js';
import { evalSamplesFile } from '../../src/node/evalCommand.js';
import { resolveFrame } from '../../src/node/frame.js';
import { trainSetup } from '../../src/node/trainSetup.js';

const tmp = mkdtempSync(join(tmpdir(), 'wfr-files-'));
const good = join(tmp, 'good.csv');
writeFileSync(good, 'x,y\n' + Array.from({ length: 50 }, (_, i) => `${Math.cos(i)},${Math.sin(i)}`).join('\n') + '\n');

type Kind = 'fifo' | 'dev-zero' | 'folder' | 'oversize';
/** A hostile file named `name` in a fresh folder; oversize is sparse (no disk used). */
function make(kind: Kind, name: string, maxBytes: number): string {
  const path = join(mkdtempSync(join(tmp, `${kind}-`)), name);
  if (kind === 'fifo') execFileSync('mkfifo', [path]);
  if (kind === 'dev-zero') symlinkSync('/dev/zero', path);
  if (kind === 'folder') mkdirSync(path);
  if (kind === 'oversize') {
    writeFileSync(path, '');
    truncateSync(path, maxBytes + 1);
  }
  return path;
}
const says: Record<Kind, string> = { fifo: 'is a named pipe \\(FIFO\\), not a regular file', 'dev-zero': 'is a device, not a regular file', folder: 'is a folder, not a file', oversize: 'is \\d+ MB, over the \\d+ MB this reads' };

const noLog = () => {};
const readers: [string, string, string, number, (path: string) => unknown][] = [
  ['--frame', 'frame.json', '--frame', MAX_JSON_BYTES, (p) => resolveFrame(p)],
  ['train --data', 'data.csv', '--data', MAX_CSV_BYTES, (p) => trainSetup({ values: { data: p }, typed: new Set(['data']), out: join(tmp, 'never'), resume: false, force: false })],
  ['eval --samples', 'samples.csv', '--samples', MAX_CSV_BYTES, (p) => evalSamplesFile({ samples: p, dataset: 'two-moons', referenceSeed: 0, log: noLog })],
  ['eval --data', 'ref.csv', '--data', MAX_CSV_BYTES, (p) => evalSamplesFile({ samples: good, data: p, referenceSeed: 0, log: noLog })],
  ["a checkpoint's model.json", 'model.json', 'checkpoint', MAX_JSON_BYTES, (p) => loadModel(p)],
  ['state.bin on --resume', 'state.bin', 'training state', MAX_STATE_BYTES, (p) => loadTrainState(join(p, '..'))],
];

describe('every reader checks the file before reading it', () => {
  for (const [reader, name, what, max, read] of readers) {
    for (const kind of ['fifo', 'dev-zero', 'folder', 'oversize'] as Kind[]) {
      it(`${reader}: ${kind}`, async () => {
        const path = make(kind, name, max);
        const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        // A folder given as --frame is read as a checkpoint folder.
        const expected = what === '--frame' && kind === 'folder' ? `--frame ${escaped}: the directory holds no model.json` : `${what} ${escaped} ${says[kind]}`;
        await expect(async () => read(path)).rejects.toThrow(new RegExp(expected));
      });
    }
  }
  it('a missing file is named too', async () => {
    await expect(async () => evalSamplesFile({ samples: join(tmp, 'nope.csv'), dataset: 'two-moons', referenceSeed: 0, log: noLog })).rejects.toThrow(`--samples ${join(tmp, 'nope.csv')}: no such file`);
  });
  it('a good file still reads', () => {
    expect(evalSamplesFile({ samples: good, data: good, referenceSeed: 0, log: noLog }).report.n).toBe(50);
  });
});
