// The API reference (docs/api.md), made from the doc comments of what the package's two entries
// export: each function's signature, text and example; each class's public members; each type's
// declaration. `npm run docs` writes it with the flag tables; a test fails while it is stale.

import { join } from 'node:path';
import ts from 'typescript';

/** The page, from the repository root. */
export const API_PAGE = 'docs/api.md';
const ENTRIES: [string, string][] = [
  ['src/index.ts', 'wfr-score'],
  ['src/node/index.ts', 'wfr-score/node'],
];

const HEADER = `# API reference

Everything the package exports, made from the doc comments by \`npm run docs\` (do not edit by
hand). How to use it, with the examples the tests run: [library.md](library.md). The Node entry
\`wfr-score/node\` exports all of \`wfr-score\`; the entries below it are the ones it adds or replaces.
`;

/** The comment text and tags of a declaration, as markdown. */
function docOf(decl: ts.Node): string {
  const docs = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc);
  const text = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join('\n').trim();
  const tags = docs.flatMap((d) => d.tags ?? []).filter((t) => t.tagName.text === 'example').map((t) => (ts.getTextOfJSDocComment(t.comment) ?? '').trim());
  return [text, ...tags.map((e) => `Example:\n\n${e}`)].filter(Boolean).join('\n\n');
}

/** A type's declaration as written, its fields' comments included. */
function declarationText(decl: ts.Node): string {
  return decl.getText();
}

function section(checker: ts.TypeChecker, name: string, decl: ts.Declaration): string {
  if (ts.isFunctionDeclaration(decl)) {
    const sig = checker.getSignatureFromDeclaration(decl)!;
    return `### \`${name}\`\n\n\`\`\`ts\nfunction ${name}${checker.signatureToString(sig)}\n\`\`\`\n\n${docOf(decl)}\n`;
  }
  if (ts.isClassDeclaration(decl)) {
    const members = decl.members.filter((m) => !(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Private) && m.name && !ts.getJSDocTags(m).some((t) => t.tagName.text === 'internal'));
    const parts = members.map((m) => {
      const sig = ts.isMethodDeclaration(m) ? checker.signatureToString(checker.getSignatureFromDeclaration(m)!) : `: ${checker.typeToString(checker.getTypeAtLocation(m))}`;
      return `#### \`${name}.${m.name!.getText()}\`\n\n\`\`\`ts\n${m.name!.getText()}${sig}\n\`\`\`\n\n${docOf(m)}\n`;
    });
    return `### \`${name}\` (class)\n\n${docOf(decl)}\n\n${parts.join('\n')}`;
  }
  if (ts.isVariableDeclaration(decl)) return `### \`${name}\`\n\n${docOf(decl)}\n`;
  return `### \`${name}\`\n\n${docOf(decl)}\n\n\`\`\`ts\n${declarationText(decl)}\n\`\`\`\n`;
}

/** The program of the two entries (building it is most of the cost: share it). */
export function entriesProgram(root: string): ts.Program {
  const files = ENTRIES.map(([f]) => join(root, f));
  return ts.createProgram(files, { strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true });
}

/** The markdown of docs/api.md for the repository at `root`. */
export function apiReference(root: string, program = entriesProgram(root)): string {
  const checker = program.getTypeChecker();
  const seen = new Set<ts.Declaration>();
  const out = [HEADER];
  for (const [file, entry] of ENTRIES) {
    out.push(`## \`${entry}\`\n`);
    const module = checker.getSymbolAtLocation(program.getSourceFile(join(root, file))!)!;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = symbol.declarations?.[0];
      if (!decl || seen.has(decl)) continue;
      seen.add(decl);
      out.push(section(checker, exported.name, decl));
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
