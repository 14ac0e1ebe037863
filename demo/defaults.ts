// The page's opening step count, measured (scripts/demo-defaults.ts: em and wfr on the shipped
// eight-gaussians-imbalanced checkpoint, N = 1500, 5 seeds; table in the README's demo section).
export const DEMO_STEPS = 10;
