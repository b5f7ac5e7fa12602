// One network on one tfjs backend, in its own process (its peak RSS is the row's): training
// images/s (Adam, sparse categorical cross-entropy) or inference images/s, or only the backend
// it starts (`--phase probe`). Reports each finished step, so a run killed at its time cap says
// how far it got. On webgpu a GPU error (a shader over the device's limits, say) fails the
// phase: the commands it rejected never ran, so its time would mean nothing.
//
//   node benchmarks/tfjs-bench.mjs --backend wasm --threads 2 --network simple --phase train
import { parseArgs } from 'node:util';
import { peakRssMb, report } from './report.mjs';
import { loadWorkspace } from './workspace.mjs';

const { values: opts } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    threads: { type: 'string', default: '1' },
    network: { type: 'string', default: 'simple' },
    phase: { type: 'string', default: 'train' },
    'train-batch': { type: 'string', default: '64' },
    'infer-batch': { type: 'string', default: '256' },
    'warm-steps': { type: 'string', default: '2' },
    'train-steps': { type: 'string', default: '5' },
    'infer-steps': { type: 'string', default: '2' },
  },
});
const num = (name) => {
  const value = Number(opts[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name}: expected a whole number, got '${opts[name]}'`);
  return value;
};

const { tf, backend, model: models, trainer } = await loadWorkspace();
let selection;
try {
  selection = await backend.setupNodeBackend(opts.backend, { threads: num('threads') });
} catch (error) {
  report({ kind: 'unavailable', reason: error.message });
  process.exit(0);
}
report({ kind: 'backend', ...selection, description: backend.describeSelection(selection) });
const gpuErrors = watchGpuErrors();

const model = models.buildModel(opts.network, { seed: 1 });

function randomBatch(size, seed) {
  return {
    xs: tf.randomUniform([size, 32, 32, 3], 0, 1, 'float32', seed),
    ys: tf.randomUniform([size], 0, 10, 'int32', seed + 1),
  };
}

/** Times `steps` calls after `warm` untimed ones; reports each, so a capped run shows progress. */
async function timeSteps(phase, warm, steps, batch, run) {
  let seconds = 0;
  for (let step = 0; step < warm + steps; step++) {
    const start = performance.now();
    await run();
    const elapsed = (performance.now() - start) / 1000;
    if (step >= warm) seconds += elapsed;
    report({ kind: 'step', phase, step, warm: step < warm, seconds: elapsed, peak_rss_mb: peakRssMb() });
  }
  return (steps * batch) / seconds;
}

/** Trains through @resnet/trainer's fit, the loop `resnet train` runs, timing each step. */
async function trainImgS() {
  const batch = num('train-batch');
  const warm = num('warm-steps');
  const steps = num('train-steps');
  const { xs, ys } = randomBatch(batch, 1);
  const source = {
    batchesPerEpoch: warm + steps,
    size: (warm + steps) * batch,
    *batches() {
      for (let step = 0; step < warm + steps; step++) yield { xs: xs.clone(), ys: ys.clone() };
    },
  };
  let seconds = 0;
  let last = performance.now();
  const timer = {
    onBatchEnd: ({ batch: step }) => {
      const now = performance.now();
      const elapsed = (now - last) / 1000;
      last = now;
      if (step >= warm) seconds += elapsed;
      report({ kind: 'step', phase: 'train', step, warm: step < warm, seconds: elapsed, peak_rss_mb: peakRssMb() });
    },
  };
  await trainer.fit(model, source, { epochs: 1, optimizer: { name: 'adam', lr: 1e-3 }, seed: 1, callbacks: [timer] });
  return (steps * batch) / seconds;
}

async function inferImgS() {
  const batch = num('infer-batch');
  const { xs } = randomBatch(batch, 3);
  return timeSteps('infer', 1, num('infer-steps'), batch, async () => {
    // One forward pass over the whole batch: predict's default splits it into batches of 32.
    const probs = model.predict(xs, { batchSize: batch });
    await probs.data();
    probs.dispose();
  });
}

/**
 * The GPU device's uncaptured errors (validation, out of memory), the first reported as it
 * comes; `all()` waits for the work submitted so far, so that its errors are in.
 */
function watchGpuErrors() {
  const errors = [];
  if (tf.getBackend() !== 'webgpu') return { all: async () => errors };
  const { device } = tf.backend();
  device.addEventListener('uncapturederror', ({ error }) => {
    if (errors.length === 0) report({ kind: 'gpu-error', message: error.message.split('\n')[0] });
    errors.push(error);
  });
  return {
    all: async () => {
      await device.queue.onSubmittedWorkDone();
      return errors;
    },
  };
}

const phases = { probe: async () => undefined, train: trainImgS, infer: inferImgS };
if (!(opts.phase in phases)) throw new Error(`--phase: expected probe, train or infer, got '${opts.phase}'`);
const imgS = await phases[opts.phase]();
const errors = await gpuErrors.all();
if (errors.length > 0) {
  report({ kind: 'failed', reason: `${errors.length} GPU error(s), the first: ${errors[0].message.split('\n')[0]}` });
} else if (imgS !== undefined) {
  report({ kind: 'result', img_s: imgS, peak_rss_mb: peakRssMb() });
}
backend.releaseNodeBackend();
