// The one writer of the bench's outputs: bench/results.md (a header line, then the sections in
// order, with scripts/compare-speed.sh's before/after table after the speed sections),
// results.json, and — only when asked — the README section between the results markers.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/node/files.js';
import { log, type BenchContext, type Section } from './context.js';

const [START, END] = ['<!-- results:start -->', '<!-- results:end -->'];

export interface Report {
  date: string;
  /** Sections before the before/after table (speed), then the rest. */
  speed: Section[];
  rest: Section[];
}

/** The Markdown text of results.md. */
export function reportText(ctx: BenchContext, r: Report): string {
  const header = `Measured by \`npm run bench\`${ctx.quick ? ' --quick' : ''} on ${r.date} (${process.version}, ${process.arch}). Numbers are medians or means over the stated seeds; machines are noisy, so compare ratios within one run.\n`;
  const beforeAfterFile = join(ctx.out, 'before-after.md');
  const beforeAfter = !ctx.quick && existsSync(beforeAfterFile) ? [readFileSync(beforeAfterFile, 'utf8').trim(), ''] : [];
  return [header, ...r.speed.flatMap((s) => s.md), ...beforeAfter, ...r.rest.flatMap((s) => s.md)].join('\n');
}

/** README.md with its results section replaced by `text` (pictures re-pointed into `out`). */
export function readmeWithResults(readme: string, text: string, out: string): string {
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  if (i < 0 || j < 0) throw new Error('README.md has no results markers');
  const body = text.replace(/\]\((?!http)([^)]+\.png)\)/g, `](${out}/$1)`);
  return readme.slice(0, i + START.length) + '\n' + body + '\n' + readme.slice(j);
}

/** `name`: the files' base name (default results; a partial run writes its own). */
export function writeReport(ctx: BenchContext, r: Report, o: { readme: boolean; name?: string }): void {
  const text = reportText(ctx, r);
  const json = { date: r.date, quick: ctx.quick, ...Object.assign({}, ...[...r.speed, ...r.rest].map((s) => s.json)) };
  const name = o.name ?? 'results';
  writeFileAtomic(join(ctx.out, `${name}.md`), text);
  writeFileAtomic(join(ctx.out, `${name}.json`), JSON.stringify(json, null, 2) + '\n');
  log(`wrote ${join(ctx.out, `${name}.md`)}, ${name}.json and pictures`);
  if (o.readme) {
    writeFileSync('README.md', readmeWithResults(readFileSync('README.md', 'utf8'), text, ctx.out));
    log('updated the README results section');
  }
}
