// Memory and speed of a few training steps through @resnet/trainer's fit loop on random
// batches: RSS, the wasm heap (which grows to its high-water mark and never shrinks) and
// tfjs's live bytes after each step.
//
//   node benchmarks/train-step-memory.mjs --steps 5 [--network simple] [--threads 2]
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { peakRssMb, report } from './report.mjs';
import { loadWorkspace, repoRoot } from './workspace.mjs';

const { values: opts } = parseArgs({
  options: {
    network: { type: 'string', default: 'simple' },
    steps: { type: 'string', default: '5' },
    threads: { type: 'string', default: '2' },
  },
});
const steps = Number(opts.steps);
if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps: expected a positive whole number, got '${opts.steps}'`);

const { tf, backend, model: models } = await loadWorkspace();
const trainer = await import(pathToFileURL(`${repoRoot}packages/trainer/dist/index.js`).href);
report({ kind: 'backend', ...(await backend.setupNodeBackend('wasm', { threads: Number(opts.threads) })) });

const mb = (bytes) => Math.round(bytes / 2 ** 20);
const wasmHeapMb = () => mb(tf.backend().wasm.HEAPU8.buffer.byteLength);
const batchSize = 64;
const source = {
  batchesPerEpoch: steps,
  size: steps * batchSize,
  *batches() {
    for (let i = 0; i < steps; i++) {
      yield { xs: tf.randomUniform([batchSize, 32, 32, 3], 0, 1, 'float32', i), ys: tf.randomUniform([batchSize], 0, 10, 'int32', i) };
    }
  },
};
const model = models.buildModel(opts.network, { seed: 1 });
let last = performance.now();
const seconds = [];
await trainer.fit(model, source, {
  epochs: 1,
  optimizer: { name: 'adam', lr: 1e-3 },
  callbacks: [
    {
      onBatchEnd: ({ batch }) => {
        const now = performance.now();
        seconds.push((now - last) / 1000);
        last = now;
        const { numTensors, numBytes } = tf.memory();
        report({ kind: 'step', step: batch, seconds: seconds.at(-1), rss_mb: mb(process.memoryUsage().rss), peak_rss_mb: peakRssMb(), wasm_heap_mb: wasmHeapMb(), live_mb: mb(numBytes), num_tensors: numTensors });
      },
    },
  ],
});
// The first step compiles and packs; images/s counts the rest.
const timed = seconds.slice(1).reduce((a, b) => a + b, 0);
report({ kind: 'result', network: opts.network, steps, peak_rss_mb: peakRssMb(), wasm_heap_mb: wasmHeapMb(), train_img_s: steps > 1 ? +(((steps - 1) * batchSize) / timed).toFixed(2) : null });
