// The package's browser-safe entry, `wfr-score`: load a checkpoint (URL or picked files), sample
// it in data units, multiply models, use exact potentials, train, score samples, pick a backend.
// Everything else in src/ is internal. The Node entry (`wfr-score/node`, src/node/index.ts) adds
// checkpoint directories and tfjs-node.

export { loadModel, exactModel, type ModelSource, type ExactOptions } from './api/load.js';
export { Model, product, type SampleOptions, type Samples, type StepProgress } from './api/model.js';
export { train, type TrainOptions, type TrainHooks, type TrainProgress, type Trained } from './api/train.js';
export { evaluate, type Evaluation, type EvaluateOptions, type MetricRow, type ModeSummary } from './api/evaluate.js';
export { setBackend, backendText, type BackendOptions, type BackendInfo, type WasmPaths } from './backend.js';
export { SAMPLE_KNOBS, type SampleSettings } from './sampling/settings.js';
export { TRAIN_KNOBS } from './train/config.js';
export { SAMPLER_NAMES } from './sampling/samplers.js';
export { DATASET_NAMES } from './data/datasets.js';
export { EXACT_NAMES } from './model/exactModel.js';
export type { ModelMeta } from './checkpoint.js';
export type { SampleTrace } from './sampling/sample.js';
export type { Standardization } from './data/standardize.js';
