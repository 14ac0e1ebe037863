#!/usr/bin/env bash
# Before/after speed of two commits measured in one session: runs scripts/bench/speed.ts in a
# worktree of each commit, alternating (so drift in the machine's speed hits both alike), and
# writes the medians over rounds to bench/before-after.md (npm run bench includes that file).
# Usage: scripts/compare-speed.sh OLD_COMMIT [NEW_COMMIT=HEAD] [ROUNDS=3]
set -euo pipefail
old=${1:?usage: scripts/compare-speed.sh OLD_COMMIT [NEW_COMMIT] [ROUNDS]}
new=${2:-HEAD}
rounds=${3:-3}
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/old" >/dev/null 2>&1 || true; git -C "$root" worktree remove --force "$tmp/new" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
for side in old new; do
  rev=$([ "$side" = old ] && echo "$old" || echo "$new")
  git -C "$root" worktree add --detach "$tmp/$side" "$rev" >/dev/null 2>&1
  ln -s "$root/node_modules" "$tmp/$side/node_modules"
  mkdir -p "$tmp/$side/scripts/bench"
  cp "$root/scripts/bench/speed.ts" "$tmp/$side/scripts/bench/speed.ts" # the probe may postdate OLD
done
for ((r = 1; r <= rounds; r++)); do
  for side in old new; do
    line=$(cd "$tmp/$side" && node --import tsx scripts/bench/speed.ts 2>/dev/null | tail -1)
    echo "round $r $side $line" >&2
    echo "$side $line" >>"$tmp/results"
  done
done
node --input-type=module - "$tmp/results" "$(git -C "$root" rev-parse --short "$old")" "$(git -C "$root" rev-parse --short "$new")" "$rounds" >"$root/bench/before-after.md" <<'JS'
import { readFileSync } from 'node:fs';
const [file, oldRev, newRev, rounds] = process.argv.slice(2);
const runs = { old: [], new: [] };
for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
  const i = line.indexOf(' ');
  runs[line.slice(0, i)].push(JSON.parse(line.slice(i + 1)));
}
const med = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const keys = Object.keys(runs.old[0]);
const label = { train: 'DSM training step (batch 1024)', em: 'em step, N = 4000', fk: 'fk step, N = 4000', wfr: 'wfr step, N = 4000' };
const row = (k) => { const [o, n] = [med(runs.old.map((r) => r[k])), med(runs.new.map((r) => r[k]))]; return `| ${label[k] ?? k} | ${o.toFixed(1)} | ${n.toFixed(1)} | ${(o / n).toFixed(2)}× |`; };
const ratio = (side, k) => (med(runs[side].map((r) => r[k])) / med(runs[side].map((r) => r.em))).toFixed(2);
console.log(`### Before/after (\`scripts/compare-speed.sh ${oldRev} ${newRev}\`, wasm, median ms over ${rounds} alternating rounds, ${new Date().toISOString().slice(0, 10)})\n`);
console.log(`| | before (${oldRev}) | after (${newRev}) | speed-up |\n|---|---|---|---|`);
for (const k of keys) console.log(row(k));
console.log(`\nfk / em: ${ratio('old', 'fk')} → ${ratio('new', 'fk')}; wfr / em: ${ratio('old', 'wfr')} → ${ratio('new', 'wfr')}.`);
JS
cat "$root/bench/before-after.md"
