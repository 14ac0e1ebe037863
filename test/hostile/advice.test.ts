// Class 8 of the hostile inputs: messages say what is wrong (not generic advice), and checks run
// before the work. Version wording that fits the case, HTML from a local file vs a URL, a fetch
// that fails for CORS, --plot's extension and over-long names refused before sampling, several
// outputs written all-or-none with the cause named, and a refused run leaving no folders.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelFromUrl, parseModelJson } from '../../src/checkpoint.js';
import { parseMeta } from '../../src/checkpointSchema.js';
import { checkOutDir, checkOutFile, writeFilesAtomic } from '../../src/node/files.js';
import { cli, root } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'wfr-advice-'));
const meta = () => structuredClone(JSON.parse(readFileSync(join(root, 'models/double-well/model.json'), 'utf8')).userDefinedMetadata.wfr);

describe('version messages fit the case', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a newer version', 3, /m\.json: checkpoint format version 3 is newer than this code, which reads up to version 2: update wfr-score/],
    ["format 'wfr-score' with version 1", 1, /m\.json: format 'wfr-score' with version 1 was never written \(version 1 files say format 'wfr-score\/1'/],
    ['a version that is not a number', 'two', /m\.json: field wfr\.version must be the integer 2 \(got "two"\)/],
  ];
  for (const [what, version, message] of cases) {
    it(what, () => {
      const m = meta();
      Object.assign(m, { format: 'wfr-score', version });
      expect(() => parseMeta(m, 'm.json')).toThrow(message);
    });
  }
});

describe('HTML and failed fetches are said for what they are', () => {
  it('a local file of HTML is a saved page, not a URL to check', () => {
    expect(() => parseModelJson('<!doctype html>', 'dir/model.json')).toThrow('dir/model.json is an HTML page, not a model.json (a web page saved in its place?');
    expect(() => parseModelJson('<!doctype html>', 'https://x/model.json', 'url')).toThrow('returned HTML, not a model.json (check the URL');
  });
  it('a fetch that fails names the server and CORS', async () => {
    await expect(loadModelFromUrl('http://127.0.0.1:1/model.json')).rejects.toThrow(
      /http:\/\/127\.0\.0\.1:1\/model\.json: could not be fetched \(.*\): the server at http:\/\/127\.0\.0\.1:1 did not answer, or it does not send the CORS headers/,
    );
  });
});

describe('several outputs are written all-or-none, the cause named', () => {
  it('a failure on the second file leaves the first unwritten and no temp files', () => {
    const dir = mkdtempSync(join(tmp, 'aon-'));
    writeFileSync(join(dir, 'plain'), 'x');
    expect(() => writeFilesAtomic([[join(dir, 'a.csv'), 'a'], [join(dir, 'plain', 'b.json'), 'b']])).toThrow(/cannot write .*plain\/b\.json: (EEXIST|ENOTDIR) \(a file stands where a folder is needed\)/);
    expect(readdirSync(dir)).toEqual(['plain']);
  });
});

describe('output paths are checked before the work', () => {
  it('--plot p.gif', () => expect(() => checkOutFile(join(tmp, 'p.gif'), '--plot', ['.png', '.svg'])).toThrow(/--plot ".*p\.gif" must end in \.png or \.svg/));
  it('a name past 255 bytes with its temp suffix', () =>
    expect(() => checkOutFile(join(tmp, `${'n'.repeat(250)}.csv`), '--out')).toThrow(/the file name is 254 bytes; at most 243 \(a file system takes 255, and the atomic write adds 12\)/));
  it('a folder name past 255 bytes', () => expect(() => checkOutDir(join(tmp, 'd'.repeat(300)))).toThrow(/the folder name "d{40}…" is 300 bytes, over the 255/));
  it.concurrent('npm run sample --beta 1e308 into new folders: exit 1 before sampling, no folder left', async () => {
    const r = await cli('sample', ['--steps', '3', '--n', '20', '--backend', 'wasm', '--out', join(tmp, 'new', 'deep', 'x.csv'), '--plot', join(tmp, 'pics', 'x.png'), '--beta', '1e308']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--beta 1e\+308: β = 1e\+308: the exact mode masses of p\^β need/);
    expect(r.out).not.toMatch(/N = 20/); // refused before sampling started
    expect(existsSync(join(tmp, 'new'))).toBe(false);
    expect(existsSync(join(tmp, 'pics'))).toBe(false);
  });
});
