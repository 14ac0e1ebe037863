// The package's two entries (src/index.ts → `wfr-score`, src/node/index.ts → `wfr-score/node`):
// their import graph reaches only TensorFlow.js (and Node built-ins from the Node entry), never a
// CLI-only library; every export carries a doc comment, and every exported function, class and
// method a runnable @example; the Node snippet of docs/library.md is the example the package test runs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_PAGE, apiReference, entriesProgram } from '../scripts/apiReference.js';
import { importSpecifiers, packageOf } from './support/imports.js';

const root = join(import.meta.dirname, '..');
const ENTRIES = ['src/index.ts', 'src/node/index.ts'];
/** One program of the entries for both doc tests. */
let program: ts.Program | undefined;
const shared = () => (program ??= entriesProgram(root));
const CLI_ONLY = ['yargs', 'cli-progress', 'vega', 'vega-lite', '@resvg/resvg-js', 'tsx'];

/** The packages a source entry reaches through relative imports (x.js → x.ts, as tsc compiles them). */
function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) packages.add(packageOf(spec));
      else visit(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
    }
  };
  visit(join(root, entry));
  return { files, packages };
}

describe('the package entries', () => {
  it('import only TensorFlow.js (and Node built-ins from the Node entry), no CLI-only library', () => {
    const browser = reachable('src/index.ts');
    expect([...browser.packages].sort()).toEqual(['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm']);
    const node = reachable('src/node/index.ts');
    expect([...node.packages].filter((p) => CLI_ONLY.includes(p))).toEqual([]);
    expect([...node.packages].filter((p) => !p.startsWith('node:') && !p.startsWith('@tensorflow/'))).toEqual([]);
    // The walk does see the CLIs' libraries where they are imported.
    expect([...reachable('src/cli/sample.ts').packages]).toEqual(expect.arrayContaining(['yargs', 'vega-lite']));
  });

  it('document every export, with a runnable example on each function, class and method', () => {
    const program = shared();
    const checker = program.getTypeChecker();
    const missing: string[] = [];
    const check = (name: string, decl: ts.Declaration, needExample: boolean) => {
      const tags = ts.getJSDocTags(decl);
      const doc = ts.getJSDocCommentsAndTags(decl).length > 0;
      if (!doc) missing.push(`${name}: no doc comment`);
      else if (needExample && !tags.some((t) => t.tagName.text === 'example')) missing.push(`${name}: no @example`);
    };
    for (const entry of ENTRIES) {
      const module = checker.getSymbolAtLocation(program.getSourceFile(join(root, entry))!)!;
      for (const exported of checker.getExportsOfModule(module)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const decl = symbol.declarations?.[0];
        if (!decl) continue;
        const callable = ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl);
        check(`${entry}: ${exported.name}`, decl, callable);
        if (ts.isClassDeclaration(decl)) {
          for (const m of decl.members) {
            const isPublicMethod = ts.isMethodDeclaration(m) && !(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Private);
            if (isPublicMethod) check(`${entry}: ${exported.name}.${m.name.getText()}`, m, true);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('docs/api.md is the reference made from the doc comments (npm run docs)', () => {
    expect(apiReference(root, shared()) === readFileSync(join(root, API_PAGE), 'utf8'), `${API_PAGE} is out of date: npm run docs`).toBe(true);
  });

  it('docs/library.md shows the Node and browser examples the package test runs, verbatim', () => {
    const page = readFileSync(join(root, 'docs/library.md'), 'utf8');
    for (const file of ['examples/node/sample.js', 'examples/browser/main.js', 'examples/browser/worker.js']) {
      expect(page, file).toContain('```js\n' + readFileSync(join(root, file), 'utf8') + '```');
    }
    expect(existsSync(join(root, 'examples/node/consumer.ts'))).toBe(true);
  });
});
