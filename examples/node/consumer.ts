// A consumer's TypeScript, type-checked by test/package.test.ts under strict and
// noUncheckedIndexedAccess against the installed package's .d.ts (both entries).
import { evaluate, exactModel, product, SAMPLE_KNOBS, type Samples, type SampleOptions } from 'wfr-score';
import { loadModel, setBackend } from 'wfr-score/node';

export async function run(dir: string): Promise<number> {
  const info = await setBackend({ backend: 'wasm' });
  const model = await loadModel(dir);
  const options: SampleOptions = { sampler: 'wfr', steps: SAMPLE_KNOBS.steps.default, n: 500, seed: 1, keepWeights: false };
  const s: Samples = await model.sample(options);
  const x: number | undefined = s.points[0];
  const exact = product([exactModel('blobs-x', { frame: 'standard' }), exactModel('blobs-y', { frame: 'standard' })], [1, 1]);
  const e = evaluate(s, model);
  model.dispose();
  exact.dispose();
  return (x ?? 0) + (e.modes?.error ?? 0) + info.name.length + s.trace.ess.length + e.rows.length;
}
