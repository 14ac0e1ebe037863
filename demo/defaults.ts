// The page's opening step count, measured with scripts/demo-defaults.ts (em and wfr on the shipped
// eight-gaussians-imbalanced checkpoint, N = 1500, 5 seeds): at K = 10 em's cloud still sits between
// the modes (MMD² 4.3e-2 against wfr's 5.7e-3, 7.5×; mode-weight error 0.138 against 0.109), at
// K = 40 the gap has shrunk to 2.4× (2.9e-3 against 1.2e-3) and is hard to see. K = 5 differs
// more (11×) but is too short to watch as an animation.
export const DEMO_STEPS = 10;

/** The product example's query (measured with scripts/demo-product.ts; numbers in docs/demo.md). */
export const PRODUCT_EXAMPLE = 'model=compose/blobs-x&product=compose/blobs-y&steps=20';

/**
 * The guidance example: the upper half of the exact ring (components 0–3) at w = 2, at the page's
 * steps and N. The page's two CLI lines (seed 1) print a mode-weight error of 0.423 for guided em
 * and 0.040 for wfr against the exact tilted masses (docs/demo.md).
 */
export const GUIDANCE_EXAMPLE = 'model=exact:eight-gaussians-imbalanced&class=0,1,2,3&guidance=2&seed=1';
