// Errors about settings, kept as pieces so that each front end words them itself: the CLI names
// a setting by its flag (`--n`), the page by its control's label ("N (particles)"), and a pointer
// to a source file is for CLI users only. The Error's message is the CLI's wording; the pieces
// are plain data, so they cross a worker's postMessage unchanged.

/** Text, a setting named by its flag (without the dashes), or a source file to point CLI users to. */
export type Piece = string | { flag: string } | { file: string };

export const flag = (name: string): Piece => ({ flag: name });
export const file = (path: string): Piece => ({ file: path });

/** Pieces from a template: `pieces\`${flag('n')} ${n} is too many\``; values may be pieces or lists of them. */
export function pieces(strings: TemplateStringsArray, ...values: unknown[]): Piece[] {
  const out: Piece[] = [];
  const add = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(add);
    else if (typeof v === 'object' && v !== null && ('flag' in v || 'file' in v)) out.push(v as Piece);
    else out.push(String(v));
  };
  strings.forEach((s, i) => {
    out.push(s);
    if (i < values.length) add(values[i]);
  });
  return out.filter((p) => p !== '');
}

/** The pieces worded: settings by `name(flag)`, files by `file(path)` (the CLI's: `--flag`, ` (path)`). */
export function word(ps: readonly Piece[], name = (f: string) => `--${f}`, inFile = (path: string) => ` (${path})`): string {
  return ps.map((p) => (typeof p === 'string' ? p : 'flag' in p ? name(p.flag) : inFile(p.file))).join('');
}

export class SettingsError extends Error {
  constructor(readonly pieces: Piece[]) {
    super(word(pieces));
  }
}

/** The pieces of an error about settings: a SettingsError, or the plain { pieces } a worker posted. */
export function piecesOf(e: unknown): Piece[] | undefined {
  const p = typeof e === 'object' && e !== null ? (e as { pieces?: unknown }).pieces : undefined;
  return Array.isArray(p) ? (p as Piece[]) : undefined;
}
