// The core (src/ outside src/node/ and src/cli/) runs in a browser as well as in Node, so it may
// not import a Node built-in (node:fs, path, …) nor reach one through the Node-only layers.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers } from './support/imports.js';

const root = join(import.meta.dirname, '..');
const NODE_ONLY = ['src/node', 'src/cli'];

const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);

/** What a core file at `file` (repository-relative) imports that the browser cannot have. */
export function forbiddenImports(file: string, source: string): string[] {
  return importSpecifiers(source).filter((spec) => {
    if (isBuiltin(spec)) return true;
    if (!spec.startsWith('.')) return false;
    const target = relative(root, resolve(root, dirname(file), spec));
    return NODE_ONLY.some((dir) => target === dir || target.startsWith(dir + '/'));
  });
}

function coreFiles(dir = 'src'): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return NODE_ONLY.includes(path) ? [] : coreFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the browser-safe core', () => {
  it('recognises built-ins and the Node-only layers however they are imported', () => {
    const src = [
      "import { readFileSync } from 'node:fs';",
      "import * as path from 'path';",
      "import 'fs/promises';",
      "const w = await import('worker_threads');",
      "export { x } from '../node/files.js';",
      "import { cli } from '../cli/common.js';",
      "import * as tf from '@tensorflow/tfjs';",
      "import { Rng } from '../rng.js';",
      "// import { no } from 'node:os';",
    ].join('\n');
    expect(forbiddenImports('src/sampling/x.ts', src)).toEqual(['node:fs', 'path', '../node/files.js', '../cli/common.js', 'fs/promises', 'worker_threads']);
  });

  it('imports no Node built-in and nothing from src/node or src/cli', () => {
    const files = coreFiles();
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((f) => forbiddenImports(f, readFileSync(join(root, f), 'utf8')).map((spec) => `${f}: ${spec}`));
    expect(found).toEqual([]);
  });
});
