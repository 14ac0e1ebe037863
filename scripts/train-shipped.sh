#!/usr/bin/env bash
# Trains the checkpoints shipped in models/ with the project's own `npm run train`, seed 0, on the
# default recipe (one phase of 6000 steps, the time-score term from step 1000; docs/speed.md).
# The showcase and test checkpoints run it to the end (--stop-when-good 0): eight-gaussians-
# imbalanced, double-well, two-moons, checkerboard, the blobs family (in one frame, --frame
# standard, to be multiplied) and forty-gaussians under VE (for annealing). models/*-dsm: the same network trained by DSM
# alone (no term), for comparison. models/recipe/: exactly what the default command makes,
# stopping when good (weights only), under every SDE.
# Two runs at a time (one per core); about 30 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

full() { npm run --silent train -- --dataset "$1" --out "models/$2" --seed 0 --force --stop-when-good 0 "${@:3}"; }
asUser() {
  local out="models/$2"
  npm run --silent train -- --dataset "$1" --out "$out" --seed 0 --force "${@:3}"
  rm -f "$out/state.bin" "$out/loss.csv"
}
slim() { rm -f "models/$1/state.bin" "models/$1/loss.csv"; }

full eight-gaussians-imbalanced eight-gaussians-imbalanced & full double-well double-well & wait
full eight-gaussians-imbalanced eight-gaussians-imbalanced-dsm --time-score-from 6000 & full double-well double-well-dsm --time-score-from 6000 & wait
full two-moons two-moons & full checkerboard checkerboard & wait
for sde in vp subvp ve; do
  asUser eight-gaussians-imbalanced "recipe/eight-gaussians-imbalanced-$sde" --sde "$sde" & asUser double-well "recipe/double-well-$sde" --sde "$sde" & wait
done
full blobs-x compose/blobs-x --frame standard & full blobs-y compose/blobs-y --frame standard & wait
full blobs-diagonal compose/blobs-diagonal --frame standard & full forty-gaussians compose/forty-gaussians --sde ve & wait
# FKC's table's learned subjects (docs/fkc.md): the default command, and the same with --steps 12000.
asUser gmm40 fkc/gmm40 & asUser gmm40 fkc/gmm40-12k --steps 12000 & wait
# models/guidance/eight-gaussians-imbalanced is kept from the earlier two-phase recipe (docs/guide.md):
# npm run train -- --dataset eight-gaussians-imbalanced --conditional --out models/guidance/eight-gaussians-imbalanced --seed 0 --force \
#   --time-score-from 6000 --time-score-steps 5000 --time-score-weight 0.1 --time-score-reference 0 --embed-time t --stop-when-good 0
for m in compose/blobs-x compose/blobs-y compose/blobs-diagonal compose/forty-gaussians; do slim "$m"; done
