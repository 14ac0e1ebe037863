// Reverse-time grids from t = 1 down to t_min: uniform, or quadratic (steps shrink toward
// t_min, where the score changes fastest). A grid can be made to have a node at a given time
// (the weights' cut-off), so that the last weighted step ends exactly there.

export type GridKind = 'uniform' | 'quadratic';
export const GRID_KINDS: GridKind[] = ['uniform', 'quadratic'];

/** steps + 1 decreasing times, first 1, last tMin; with `node`, the interior time nearest to it is moved onto it. */
export function timeGrid(steps: number, tMin: number, kind: GridKind = 'uniform', node?: number): Float64Array {
  const out = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) {
    const u = k / steps;
    out[k] = kind === 'uniform' ? 1 - (1 - tMin) * u : tMin + (1 - tMin) * (1 - u) ** 2;
  }
  out[steps] = tMin; // exactly, not 1 − (1 − t_min) rounded
  if (node !== undefined && node > tMin && node < 1 && steps > 1) {
    let best = 1;
    for (let k = 2; k < steps; k++) if (Math.abs(out[k] - node) < Math.abs(out[best] - node)) best = k;
    // Moving the nearest interior time keeps the grid decreasing: node lies between its neighbours.
    out[best] = node;
  }
  return out;
}
