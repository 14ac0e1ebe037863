// The one writer of the bench's outputs: bench/results.md (a header line, then the sections in
// order, with scripts/compare-speed.sh's before/after table after the speed sections),
// results.json, and — only when asked (--docs) — the published page docs/results.md.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { writeFileAtomic } from '../../src/node/files.js';
import { log, type BenchContext, type Section } from './context.js';

const [START, END] = ['<!-- results:start -->', '<!-- results:end -->'];

/** The published results page (from the repository root); its text between the markers is the bench's. */
export const RESULTS_PAGE = 'docs/results.md';

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
  // The before/after speed table belongs after the speed sections of a full run, not in a partial one.
  const beforeAfter = !ctx.quick && r.rest.length > 0 && existsSync(beforeAfterFile) ? [readFileSync(beforeAfterFile, 'utf8').trim(), ''] : [];
  return [header, ...r.speed.flatMap((s) => s.md), ...beforeAfter, ...r.rest.flatMap((s) => s.md)].join('\n');
}

/**
 * The results page with the text between its markers replaced by `text`, whose pictures (named
 * relative to `out`) are re-pointed to be relative to the page at `pagePath`.
 */
export function pageWithResults(page: string, text: string, out: string, pagePath = RESULTS_PAGE): string {
  const i = page.indexOf(START);
  const j = page.indexOf(END);
  if (i < 0 || j < i) throw new Error(`${pagePath} has no ${START} … ${END} markers`);
  const toOut = relative(dirname(pagePath), out) || '.';
  const body = text.replace(/\]\((?!http)([^)]+\.png)\)/g, `](${toOut}/$1)`);
  return page.slice(0, i + START.length) + '\n' + body + '\n' + page.slice(j);
}

/** `name`: the files' base name (default results; a partial run writes its own). */
export function writeReport(ctx: BenchContext, r: Report, o: { docs: boolean; name?: string }): void {
  const text = reportText(ctx, r);
  const json = { date: r.date, quick: ctx.quick, ...Object.assign({}, ...[...r.speed, ...r.rest].map((s) => s.json)) };
  const name = o.name ?? 'results';
  writeFileAtomic(join(ctx.out, `${name}.md`), text);
  writeFileAtomic(join(ctx.out, `${name}.json`), JSON.stringify(json, null, 2) + '\n');
  log(`wrote ${join(ctx.out, `${name}.md`)}, ${name}.json and pictures`);
  if (o.docs) {
    writeFileSync(RESULTS_PAGE, pageWithResults(readFileSync(RESULTS_PAGE, 'utf8'), text, ctx.out));
    log(`updated ${RESULTS_PAGE}`);
  }
}
