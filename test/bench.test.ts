// `npm run bench -- --quick` runs end to end and writes every section of the report.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('bench --quick writes results.md, results.json and the pictures', async () => {
  const out = mkdtempSync(join(tmpdir(), 'wfr-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--quick', '--out', out], { cwd: join(import.meta.dirname, '..') });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code, err).toBe(0);
  const md = readFileSync(join(out, 'results.md'), 'utf8');
  for (const section of ['Training speed', 'Sampling cost', 'Quality vs cost', 'Does the potential know the mass', 'Shipped checkpoints']) expect(md).toContain(section);
  const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  expect(json.sampling.memory.map((m: { density: string }) => m.density)).toEqual(['binned', 'exact']);
  for (const m of json.sampling.memory) expect(m.tensorGrowth).toBe(0);
  expect(existsSync(join(out, 'samplers-eight-gaussians-imbalanced.png'))).toBe(true);
  expect(existsSync(join(out, 'error-vs-time-eight-gaussians-imbalanced.png'))).toBe(true);
}, 300_000);
