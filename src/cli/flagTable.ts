// The flag tables of docs/guide.md, made from the knob tables (config/knobs.ts) like the flags, their
// help and their validation, so the documentation cannot drift from what the commands accept.

import { flagOf, rangeText, type Knobs } from '../config/knobs.js';

const cellText = (s: string) => s.replace(/\|/g, '\\|');

function defaultText(v: unknown): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return `\`${v.join(',')}\``;
  return `\`${String(v)}\``;
}

/** One Markdown table: flag, default, range or choices, meaning. */
export function markdownFlagTable(knobs: Knobs): string {
  const rows = Object.entries(knobs).map(([field, k]) => {
    const flag = `\`--${flagOf(knobs, field)}\``;
    const range = k.choices ? k.choices.map((c) => `\`${c}\``).join(' ') : rangeText(k);
    return `| ${flag} | ${defaultText(k.default)} | ${cellText(range)} | ${cellText(k.help)} |`;
  });
  return ['| flag | default | range or choices | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** `text` with the block between `<!-- knobs:NAME -->` and `<!-- /knobs:NAME -->` replaced by `table`. */
export function withTable(text: string, name: string, table: string): string {
  const [open, close] = [`<!-- knobs:${name} -->`, `<!-- /knobs:${name} -->`];
  const i = text.indexOf(open);
  const j = text.indexOf(close);
  if (i < 0 || j < i) throw new Error(`no ${open} … ${close} block`);
  return text.slice(0, i + open.length) + '\n' + table + '\n' + text.slice(j);
}
