// Counts the GPU dispatches of one training step (or, with --infer, one inference pass) on the
// webgpu backend (Dawn in Node), and prints where the step spends its GPU time, per kernel, and
// its wall time. Not a test: timings depend on the GPU, its driver and the load.
//
//   pnpm build
//   node packages/backend/scripts/webgpu-step-profile.mjs [--net simple|resnet20] [--batch 64]
//        [--image-size 32] [--steps 5] [--software] [--stock] [--stock-kernel NAME,...] [--by-shape]
//        [--infer] [--host-functions 20] [--submit-batch N]
//
// The step is the trainer's: @resnet/model's network in training mode (its BatchNorm runs
// @resnet/ops's batchNormTraining), cross-entropy from the logits, tf.variableGrads, Adam (one
// adamUpdate per variable), the loss read back.
// --software runs on SwiftShader, the CPU Vulkan driver of Debian's chromium package (no GPU
// needed; use a small --batch: a step of simple at batch 2 takes about 30 s there); without
// it, a software adapter is an error.
// --stock runs tfjs-backend-webgpu's kernels, tfjs's ops and tfjs's gradients instead of ours,
// for comparison (tfjs-backend-webgpu as we start it: uniform buffers and bind groups reused
// all the same).
// --stock-kernel keeps our kernels but the named ones (say Conv2DBackpropInput), which run as
// tfjs's: one kernel's gain measured in one run, on one machine.
// --by-shape splits each kernel's time by its input shapes.
// --infer profiles model.predict over the whole batch (inference mode) instead of a training step.
// --submit-batch N submits the recorded commands every N dispatches (tfjs's
// WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE, as the backend leaves it when not given: tfjs's default is
// 15): fewer submits cost the host less, but the GPU starts on each batch later.
// --host-functions N samples the CPU (V8's profiler) while the timed steps are recorded and
// prints the N functions with the most self time: where the host's cost per dispatch goes.
// The host time of a step is the CPU time to record it (every dispatch, until the loss is read
// back); with --software, a small --image-size (4) and --batch 1 keep SwiftShader's share of
// the wall time small, so that the wall time shows the host's cost per step.
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { buildModel, modelLogits } from '@resnet/model';
import { createOptimizer, crossEntropy } from '@resnet/trainer';
import * as tf from '@tensorflow/tfjs';
import { describeAdapter, webGpuTrainingKernels } from '../dist/index.js';
import { releaseNodeBackend, setupNodeBackend } from '../dist/node/index.js';
import { capturedStockKernel } from '../dist/stock-kernels.js';
import { bindGroupReuseOf } from '../dist/webgpu/bind-group-reuse.js';
import { uniformReuseOf } from '../dist/webgpu/uniform-reuse.js';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

const { values: opts } = parseArgs({
  options: {
    net: { type: 'string', default: 'simple' },
    batch: { type: 'string', default: '64' },
    'image-size': { type: 'string', default: '32' },
    steps: { type: 'string', default: '5' },
    software: { type: 'boolean', default: false },
    stock: { type: 'boolean', default: false },
    'stock-kernel': { type: 'string', default: '' },
    'by-shape': { type: 'boolean', default: false },
    infer: { type: 'boolean', default: false },
    'host-functions': { type: 'string', default: '0' },
    'submit-batch': { type: 'string' },
  },
});
const batch = Number(opts.batch);
const steps = Number(opts.steps);
const imageSize = Number(opts['image-size']);
const hostFunctions = Number(opts['host-functions']);
const submitBatch = opts['submit-batch'] === undefined ? undefined : Number(opts['submit-batch']);
const numbers = [
  ['--batch', batch, 1],
  ['--steps', steps, 1],
  ['--image-size', imageSize, 1],
  ['--host-functions', hostFunctions, 0],
  ...(submitBatch === undefined ? [] : [['--submit-batch', submitBatch, 1]]),
];
for (const [flag, value, min] of numbers) {
  if (!Number.isInteger(value) || value < min) {
    console.error(`${flag}: expected an integer >= ${min}, got '${opts[flag.slice(2)]}'`);
    process.exit(2);
  }
}
if (!['simple', 'resnet20'].includes(opts.net)) {
  console.error(`--net: expected simple or resnet20, got '${opts.net}'`);
  process.exit(2);
}

// The Vulkan loader reads this when Dawn starts.
if (opts.software) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
// --stock also keeps tfjs's own gradients (ours replace a few that waste time).
const { adapter } = await setupNodeBackend('webgpu', { trainingGradients: !opts.stock });
if (adapter.software && !opts.software) {
  console.error(`only a software adapter (${describeAdapter(adapter)}): pass --software to profile on it anyway`);
  releaseNodeBackend();
  process.exit(1);
}
const ours = webGpuTrainingKernels.map((config) => config.kernelName);
const stockNames = opts['stock-kernel'].split(',').filter((name) => name !== '');
for (const name of stockNames) {
  if (capturedStockKernel(name, 'webgpu') === undefined) {
    console.error(`--stock-kernel: '${name}' is none of ours that replace a tfjs kernel (${ours.filter((k) => capturedStockKernel(k, 'webgpu')).join(', ')})`);
    releaseNodeBackend();
    process.exit(2);
  }
}
for (const name of opts.stock ? ours : stockNames) {
  tf.unregisterKernel(name, 'webgpu');
  const stock = capturedStockKernel(name, 'webgpu');
  if (stock !== undefined) tf.registerKernel(stock);
}

if (submitBatch !== undefined) tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', submitBatch);

const model = buildModel(opts.net, { seed: 1, inputShape: [imageSize, imageSize, 3] });
const { optimizer } = createOptimizer({ name: 'adam', lr: 1e-3 });
const variables = model.trainableWeights.map((w) => w.read());
const xs = tf.randomUniform([batch, imageSize, imageSize, 3], 0, 1, 'float32', 1);
const ys = tf.randomUniform([batch], 0, 10, 'int32', 2).cast('float32');

/** Records one training step (every dispatch); returns what waits for the GPU and frees it. */
function recordTrainStep() {
  const { value, grads } = tf.variableGrads(() => crossEntropy(modelLogits(model, xs, true), ys), variables);
  optimizer.applyGradients(grads);
  return async () => {
    await value.data();
    tf.dispose([value, ...Object.values(grads)]);
  };
}

function recordInferencePass() {
  const probs = model.predict(xs, { batchSize: batch });
  return async () => {
    await probs.data();
    probs.dispose();
  };
}
const record = opts.infer ? recordInferencePass : recordTrainStep;

// Set while the timed steps run: the CPU profiler, started and stopped around each recording.
let hostProfiler;
const hostProfiles = [];
let hostMs = 0;
async function step() {
  if (hostProfiler !== undefined) await hostProfiler.post('Profiler.start');
  const start = performance.now();
  const finish = record();
  hostMs = performance.now() - start;
  if (hostProfiler !== undefined) hostProfiles.push((await hostProfiler.post('Profiler.stop')).profile);
  await finish();
}
const phase = opts.infer ? 'inference pass' : 'training step';

// Each program tfjs runs is one dispatch, counted for the kernel that ran it (the outermost
// one: a kernel may call others' functions directly).
const kernelStack = [];
const kernelCalls = new Map();
for (const config of tf.getKernelsForBackend('webgpu')) {
  const { kernelName, kernelFunc } = config;
  tf.unregisterKernel(kernelName, 'webgpu');
  tf.registerKernel({
    ...config,
    kernelFunc: (args) => {
      if (kernelStack.length === 0) kernelCalls.set(kernelName, (kernelCalls.get(kernelName) ?? 0) + 1);
      kernelStack.push(kernelName);
      try {
        return kernelFunc(args);
      } finally {
        kernelStack.pop();
      }
    },
  });
}
const backend = tf.backend();
const dispatches = new Map();
const runProgram = backend.runWebGPUProgram;
backend.runWebGPUProgram = function (...args) {
  const name = kernelStack[0] ?? '(outside kernels)';
  dispatches.set(name, (dispatches.get(name) ?? 0) + 1);
  return runProgram.apply(this, args);
};

const warmStart = performance.now();
await step(); // compiles the pipelines
const warmMs = performance.now() - warmStart;
dispatches.clear();
kernelCalls.clear();
await step();
const perStep = [...dispatches.entries()].sort((a, b) => b[1] - a[1]);
const callsPerStep = new Map(kernelCalls);
const dispatchCount = perStep.reduce((sum, [, n]) => sum + n, 0);

// Hits and misses of the uniform and bind-group reuse, counted over the timed steps.
const reuses = [uniformReuseOf(backend), bindGroupReuseOf(backend)];
const countsBefore = reuses.map(({ hits, misses }) => ({ hits, misses }));
let best = Infinity;
let bestHost = Infinity;
for (let s = 0; s < steps; s++) {
  const start = performance.now();
  await step();
  best = Math.min(best, performance.now() - start);
  bestHost = Math.min(bestHost, hostMs);
}
const [uniformsPerStep, bindGroupsPerStep] = reuses.map((kept, i) => ({
  made: ((kept.misses - countsBefore[i].misses) / steps).toFixed(0),
  reused: ((kept.hits - countsBefore[i].hits) / steps).toFixed(0),
}));
// After the counts: the profiled steps are not counted.
if (hostFunctions > 0) {
  hostProfiler = new Session();
  hostProfiler.connect();
  await hostProfiler.post('Profiler.enable');
  await hostProfiler.post('Profiler.setSamplingInterval', { interval: 50 });
  for (let s = 0; s < steps; s++) await step();
  hostProfiler.disconnect();
  hostProfiler = undefined;
}

const profile = await tf.profile(step);
const perKernel = new Map();
// '...__op' entries are op wrappers around kernels already counted.
for (const k of profile.kernels.filter((k) => !k.name.endsWith('__op'))) {
  const ms = await k.kernelTimeMs;
  const key = opts['by-shape'] ? `${k.name} ${JSON.stringify(k.inputShapes)}` : k.name;
  const row = perKernel.get(key) ?? { ms: 0, calls: 0 };
  perKernel.set(key, { ms: row.ms + (typeof ms === 'number' ? ms : 0), calls: row.calls + 1 });
}
const gpuMs = [...perKernel.values()].reduce((sum, { ms }) => sum + ms, 0);

console.log(`net=${opts.net} batch=${batch} image=${imageSize}x${imageSize} submit-batch=${tf.env().get('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE')} kernels=${opts.stock ? 'stock' : stockNames.length > 0 ? `ours but tfjs's ${stockNames.join(', ')}` : 'ours'} adapter: ${describeAdapter(adapter)}`);
console.log(`dispatches per ${phase}: ${dispatchCount}`);
console.log(`${opts.infer ? 'inference' : 'train step'}: ${best.toFixed(0)} ms wall (best of ${steps}; first step with compiles ${warmMs.toFixed(0)} ms) = ${((batch * 1000) / best).toFixed(2)} images/s`);
console.log(`host: ${bestHost.toFixed(1)} ms to record the ${phase} (best of ${steps}) = ${((1000 * bestHost) / dispatchCount).toFixed(1)} us per dispatch`);
console.log(`uniform buffers per step: ${uniformsPerStep.made} written, ${uniformsPerStep.reused} reused`);
console.log(`bind groups per step: ${bindGroupsPerStep.made} made, ${bindGroupsPerStep.reused} reused (mean of the timed steps)`);
console.log(`profiled ${phase}: GPU time ${gpuMs.toFixed(1)} ms over ${profile.kernels.length} kernel calls (timestamp queries, one pass per dispatch):`);
const rows = [...perKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
const width = opts['by-shape'] ? 64 : 32;
for (const [name, { ms, calls }] of rows.slice(0, opts['by-shape'] ? 30 : 20)) {
  console.log(`  ${name.padEnd(width)} ${String(calls).padStart(4)} calls ${ms.toFixed(2).padStart(10)} ms ${((100 * ms) / gpuMs).toFixed(1).padStart(5)}%`);
}
if (hostFunctions > 0) {
  const selfUs = selfTimeByFunction(hostProfiles);
  const totalUs = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  console.log(`host functions with the most self time while recording (CPU samples over ${steps} steps, ${(totalUs / 1000 / steps).toFixed(1)} ms a step):`);
  for (const [name, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, hostFunctions)) {
    console.log(`  ${((100 * us) / totalUs).toFixed(1).padStart(5)}% ${(us / 1000 / steps).toFixed(2).padStart(7)} ms/step  ${name}`);
  }
}
console.log('dispatches per step by kernel:');
for (const [name, n] of perStep) {
  console.log(`  ${name.padEnd(width)} ${String(callsPerStep.get(name) ?? 0).padStart(4)} calls ${String(n).padStart(5)} dispatches`);
}

/**
 * Microseconds of self time per function (name and where it is defined) over V8 CPU profiles,
 * leaving out the profiler's own stop (node:inspector and what it calls).
 */
function selfTimeByFunction(profiles) {
  const selfUs = new Map();
  for (const { nodes, samples, timeDeltas } of profiles) {
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const names = new Map();
    const inProfiler = new Set();
    const visit = (id, underProfiler) => {
      const { callFrame, children = [] } = byId.get(id);
      const { functionName, url, lineNumber } = callFrame;
      const under = underProfiler || url.startsWith('node:inspector');
      if (under) inProfiler.add(id);
      const file = url.replace(/^.*\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*\/packages\//, '').replace(/^file:\/\/.*\//, '');
      names.set(id, file === '' ? functionName || '(native)' : `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`);
      for (const child of children) visit(child, under);
    };
    visit(nodes[0].id, false);
    // Each sample's delta is the time since the previous one: charged to this sample's function.
    samples.forEach((id, i) => {
      if (!inProfiler.has(id)) selfUs.set(names.get(id), (selfUs.get(names.get(id)) ?? 0) + timeDeltas[i]);
    });
  }
  return selfUs;
}

tf.dispose([xs, ys]);
model.dispose();
releaseNodeBackend();
