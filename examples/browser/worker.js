// Training off the main thread: the page stays responsive while a Web Worker runs `train()`,
// posts its progress, and hands back the checkpoint's files (the weights transferred, not copied).
import { setBackend, train } from 'wfr-score';

self.onmessage = async ({ data }) => {
  await setBackend({ wasmPaths: data.wasmPaths }); // a worker has its own tfjs and backend
  let sum = 0; // one step's loss is noisy: report the mean of every 50
  const onStep = ({ step, steps, loss }) => {
    sum += loss;
    if (step % 50 === 0) self.postMessage({ progress: { step, steps, loss: sum / 50 } }), (sum = 0);
  };
  const { checkpoint } = await train(data.options, { onStep });
  self.postMessage({ checkpoint }, [checkpoint.weights]);
};
