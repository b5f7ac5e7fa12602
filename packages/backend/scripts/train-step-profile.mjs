// Times training steps on the wasm backend (SIMD, --threads threads) and prints where a
// step spends its time, per kernel. Not a test: timings depend on the machine and its load.
//
//   pnpm build
//   node packages/backend/scripts/train-step-profile.mjs [--net simple|resnet20|<any @resnet/model preset>] [--batch 64]
//        [--size 32] [--steps 5] [--repeats 3] [--threads 1] [--only Conv2DBackpropFilter,...] [--by-shape]
//
// --size N trains on N x N images (the preset's layers at another input size).
//
// --only registers just the named kernels of ours (Conv2DBackpropFilter is the least the
// stock backend needs to train at all), to measure the profile before the others.
// --by-shape splits each kernel's time by its input shapes.
import { parseArgs } from 'node:util';
import { buildModel, isPresetName, PRESET_NAMES } from '@resnet/model';
import * as tf from '@tensorflow/tfjs';
import { wasmTrainingKernels } from '../dist/index.js';
import { setupNodeBackend } from '../dist/node/index.js';
import { capturedStockKernel } from '../dist/stock-kernels.js';

const { values: opts } = parseArgs({
  options: {
    net: { type: 'string', default: 'simple' },
    batch: { type: 'string', default: '64' },
    size: { type: 'string', default: '32' },
    steps: { type: 'string', default: '5' },
    repeats: { type: 'string', default: '3' },
    only: { type: 'string' },
    threads: { type: 'string', default: '1' },
    'by-shape': { type: 'boolean', default: false },
  },
});
const batch = Number(opts.batch);
const size = Number(opts.size);

function buildNet(name) {
  if (!isPresetName(name)) throw new Error(`--net: expected one of ${PRESET_NAMES.join(', ')}, got '${name}'`);
  const model = buildModel(name, { seed: 1, inputShape: [size, size, 3] });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

await setupNodeBackend('wasm', { threads: Number(opts.threads) });
if (opts.only !== undefined) {
  const names = opts.only.split(',');
  for (const config of wasmTrainingKernels.filter((k) => !names.includes(k.kernelName))) {
    tf.unregisterKernel(config.kernelName, 'wasm');
    const stock = capturedStockKernel(config.kernelName, 'wasm');
    if (stock !== undefined) tf.registerKernel(stock);
  }
}
const model = buildNet(opts.net);
const xs = tf.randomUniform([batch, size, size, 3]);
const ys = tf.randomUniform([batch], 0, 10, 'int32').cast('float32');
await model.trainOnBatch(xs, ys); // warm-up: XNNPACK operators, allocations

let best = Infinity;
for (let r = 0; r < Number(opts.repeats); r++) {
  const start = performance.now();
  for (let s = 0; s < Number(opts.steps); s++) await model.trainOnBatch(xs, ys);
  best = Math.min(best, (performance.now() - start) / Number(opts.steps));
}

let bestProfile;
for (let r = 0; r < Number(opts.repeats); r++) {
  const profile = await tf.profile(() => model.trainOnBatch(xs, ys));
  const perKernel = new Map();
  // '...__op' entries are op wrappers around kernels already counted.
  for (const k of profile.kernels.filter((k) => !k.name.endsWith('__op'))) {
    const ms = await k.kernelTimeMs;
    const key = opts['by-shape'] ? `${k.name} ${JSON.stringify(k.inputShapes)}` : k.name;
    perKernel.set(key, (perKernel.get(key) ?? 0) + (typeof ms === 'number' ? ms : 0));
  }
  const total = [...perKernel.values()].reduce((a, b) => a + b, 0);
  if (bestProfile === undefined || total < bestProfile.total) bestProfile = { total, perKernel };
}

console.log(`net=${opts.net} batch=${batch} size=${size} threads=${opts.threads} kernels=${opts.only ?? 'all'} backend=${tf.getBackend()}`);
console.log(`train step: ${best.toFixed(0)} ms (best of ${opts.repeats}x${opts.steps}) = ${((batch * 1000) / best).toFixed(2)} images/s`);
console.log(`profiled step, kernel time ${bestProfile.total.toFixed(0)} ms:`);
const rows = [...bestProfile.perKernel.entries()].sort((a, b) => b[1] - a[1]);
for (const [name, ms] of rows.slice(0, opts['by-shape'] ? 30 : 15)) {
  console.log(`  ${name.padEnd(opts['by-shape'] ? 56 : 24)} ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / bestProfile.total).toFixed(1).padStart(5)}%`);
}
