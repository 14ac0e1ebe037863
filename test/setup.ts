// Every test file runs on the wasm backend (what Node users get here), selected once per worker.
import { beforeAll } from 'vitest';
import { selectBackend } from '../src/node/backend.js';

beforeAll(async () => {
  await selectBackend(process.env.TFJS_BACKEND ?? 'wasm');
});
