// The page's settings as a link and as a command line: which checkpoint (and partner) a URL
// names, and the `npm run sample` line that runs one panel's sampler with the panel's settings
// and seed (same sampler, same seed, same steps: the same samples on the same backend), with the
// guided class and weight when one is chosen.

/** A checkpoint option's key (shipped:NAME, exact:NAME, trained, url:…, files:…) as the URL's ?model= value; undefined for sources a link cannot name. */
export function urlNameOf(key: string): string | undefined {
  if (key.startsWith('shipped:')) return key.slice('shipped:'.length);
  if (key.startsWith('exact:') || key === 'trained') return key;
  return undefined;
}

/** The option key a ?model= / ?product= value names, if such an option exists. */
export function keyOfUrlName(name: string, has: (key: string) => boolean): string | undefined {
  if (name.startsWith('exact:') || name === 'trained') return has(name) ? name : undefined;
  return has(`shipped:${name}`) ? `shipped:${name}` : undefined;
}

/** What `--model` says for an option: the shipped folder, exact:NAME, or a placeholder for a folder only the user has. */
export function modelArg(key: string): string {
  if (key.startsWith('shipped:')) return `models/${key.slice('shipped:'.length)}`;
  if (key.startsWith('exact:')) return key;
  return key === 'trained' ? 'DIR_OF_THE_DOWNLOADED_MODEL' : 'DIR_OF_YOUR_CHECKPOINT';
}

export interface PanelRun {
  models: string[];
  sampler: string;
  steps: number;
  n: number;
  alpha: number;
  beta: number;
  seed: number;
  /** Weighted samplers keep their final weights in the page (fk does not resample at the end): --keep-weights does the same. */
  weighted: boolean;
  /** Whether the sampler has the reaction, the only part that reads --alpha (the CLI refuses flags a sampler ignores). */
  reaction: boolean;
  /** The guided class (what --class takes) and its weight w, when a class is chosen. */
  guidance?: { cls: string; w: number };
}

/** Single-quoted for a POSIX shell unless plainly safe. */
export function shellWord(s: string): string {
  return /^[\w./:=,+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The `npm run sample` line of one panel. */
export function cliCommand(r: PanelRun): string {
  const args = [
    ...r.models.flatMap((m) => ['--model', m]),
    ...(r.guidance ? ['--class', r.guidance.cls, '--guidance', String(r.guidance.w)] : []),
    ...['--sampler', r.sampler, '--steps', String(r.steps), '--n', String(r.n)],
    ...(r.reaction ? ['--alpha', String(r.alpha)] : []),
    ...['--beta', String(r.beta), '--seed', String(r.seed)],
    ...(r.weighted ? ['--keep-weights'] : []),
    ...['--out', `out/page-${r.sampler}.csv`],
  ];
  return `npm run sample -- ${args.map(shellWord).join(' ')}`;
}
