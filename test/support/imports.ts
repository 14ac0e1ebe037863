// The module specifiers a JavaScript or TypeScript file imports, found by pattern (no parser):
// what the tests of the browser-safe core and of the package's import graph walk.

/** Every module specifier `source` imports: static, side-effect, dynamic, re-exports, require. */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  // `from` as a keyword, not inside a word or a flag's name (`'time-score-from'`); specifiers have no spaces.
  const patterns = [/(?<![\w$.-])from\s*['"]([^'"\s]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((p) => [...code.matchAll(p)].map((m) => m[1]!));
}

/** The package a bare specifier names ('@scope/name' or 'name'). */
export const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
