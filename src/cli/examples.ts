// The examples every command's --help shows, in one place so a test can check that they name
// real paths: each runs on a fresh clone, in this order (train's output feeds sample's, whose
// files feed eval's), against the shipped checkpoints in models/ and the reference CSVs in data/.

/** [command line after `npm run <name> --`, what it does]. */
export type Example = readonly [string, string];

export const TRAIN_EXAMPLES: readonly Example[] = [
  ['--dataset two-moons --steps 3000', 'a shorter DSM phase on another dataset → out/models/two-moons'],
  ['--data data/two-moons.csv --sde ve --hidden 64,64 --out out/models/mine-ve', 'CSV data (here a reference draw), VE SDE, a smaller network'],
  ['--resume --out out/models/two-moons --time-score-steps 8000', 'continue the first run with a longer time-score phase'],
  ['--conditional --steps 3000 --out out/models/cond8', 'a class-conditional potential (classes: the mixture components), for --class and --guidance'],
];

export const SAMPLE_EXAMPLES: readonly Example[] = [
  ['--sampler wfr --steps 20 --out out/wfr.csv', 'WFR with 20 steps on the shipped eight-gaussians-imbalanced model'],
  ['--model out/models/two-moons --sampler em --steps 500 --out out/two-moons-em.csv', 'your own checkpoint, reverse-SDE Euler–Maruyama'],
  ['--beta 2 --sampler wfr --steps 100 --out out/beta2.csv', 'the annealed target p²'],
  ['--model models/compose/blobs-x --model models/compose/blobs-y --sampler wfr --out out/xy.csv', 'a product of experts, scored against its exact law'],
  [
    `--model exact:gmm40 --sde ve0 --sigma-min 0.01 --sigma-max 10 --frame '{"mean":[0,0],"scale":50}' --beta 3 --sampler wfr --b-min 0.01 --out out/gmm40-p3.csv`,
    "no training: the exact potential of the FKC 40-mode benchmark in its protocol, annealed to p³ (docs/fkc.md)",
  ],
  ['--model exact:eight-gaussians-imbalanced --class 0,1,2,3 --guidance 2 --sampler wfr --out out/guided.csv', 'guidance without its bias: the tilted law p(x|c)²/p(x) of the upper half of the ring (docs/guidance.md)'],
  ['--model models/guidance/eight-gaussians-imbalanced --class 3 --guidance 2 --corrector mala --sampler wfr --steps 20 --out out/guided-learned.csv', 'the shipped conditional model, with the Metropolis-adjusted corrector'],
];

export const EVAL_EXAMPLES: readonly Example[] = [
  ['--samples out/wfr.csv --dataset eight-gaussians-imbalanced', 'score a samples file'],
  ['--samples out/two-moons-em.csv --data data/two-moons.csv', 'score against your own data (floors when it has ≥ 2× as many points)'],
  ['--model models/double-well --sampler wfr --steps 20 --n 2000', 'sample a checkpoint and score it'],
  ['--samples out/beta2.csv --dataset eight-gaussians-imbalanced --beta 2', 'score samples of the annealed p² (exact mode masses)'],
  ['--samples out/xy.csv --product blobs-x,blobs-y', 'score samples against the exact product of two mixtures'],
  ['--model models/double-well --potential-masses', "mode masses of the model's own density over noise levels"],
  ['--samples out/gmm40-p3.csv --dataset gmm40 --beta 3 --fkc', "the FKC benchmark's W1, W2, MMD, TV and energy-W2 against exact draws of p³, with floors"],
];
