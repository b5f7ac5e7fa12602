// `pnpm bench`: training and inference images/s and peak RSS of the presets on every tfjs
// backend that loads here and in PyTorch (on the CPU, and on CUDA where it has a GPU), each
// phase in its own child process with a time cap; prints a table with ratios to PyTorch on the
// same kind of device and writes results/latest.json.
//
// CPU rows train at batch 64 and infer at 256; GPU rows (webgpu on a hardware adapter,
// tensorflow-gpu, PyTorch on CUDA) train at 64 and 512 and infer at 1024.
//
//   pnpm bench [--quick] [--networks simple,resnet20] [--backends webgpu,wasm-threads,wasm,cpu]
//              [--allow-software] [--cap 300] [--cpu-cap 60] [--full-dataset-steps 20] [--pytorch cpu,cuda|none]
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { configMedians, pytorchRows } from './pytorch-rows.mjs';
import { printPytorchConfigs, printRow, printTable } from './results-table.mjs';
import { failureReason, runChild } from './run-child.mjs';
import { summarizePhase } from './summarize-phase.mjs';

const here = new URL('./', import.meta.url);
const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    networks: { type: 'string', default: 'simple,resnet20' },
    backends: { type: 'string', default: 'tensorflow-gpu,tensorflow,webgpu,wasm-threads,wasm,cpu' },
    'allow-software': { type: 'boolean', default: false },
    'train-batches': { type: 'string', default: '64' },
    'infer-batch': { type: 'string' },
    'gpu-train-batches': { type: 'string', default: '64,512' },
    'gpu-infer-batch': { type: 'string' },
    'warm-steps': { type: 'string' },
    'train-steps': { type: 'string' },
    'infer-steps': { type: 'string' },
    rounds: { type: 'string' },
    'min-seconds': { type: 'string' },
    cap: { type: 'string' },
    'cpu-cap': { type: 'string' },
    'full-dataset-steps': { type: 'string' },
    pytorch: { type: 'string', default: 'cpu,cuda' },
    python: { type: 'string', default: '/usr/bin/python3' },
    out: { type: 'string', default: new URL('results/latest.json', here).pathname },
  },
});

/** A flag's number, or its default (quick or full run) when not given. */
function number(name, fallback, { min = 0, integer = true } = {}) {
  const text = opts[name] ?? String(fallback);
  const value = Number(text);
  if (text.trim() === '' || !(value >= min) || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name}: expected ${integer ? 'a whole number' : 'a number'} of at least ${min}, got '${text}'`);
  }
  return value;
}
function batchList(name) {
  const values = opts[name].split(',').map(Number);
  if (!values.every((v) => Number.isInteger(v) && v > 0)) throw new Error(`--${name}: expected batch sizes separated by commas, got '${opts[name]}'`);
  return values;
}
const cap = number('cap', 300, { min: 1, integer: false });
const cpuCap = number('cpu-cap', 60, { min: 1, integer: false });
const steps = {
  warm: number('warm-steps', opts.quick ? 1 : 2),
  train: number('train-steps', opts.quick ? 2 : 5, { min: 1 }),
  infer: number('infer-steps', opts.quick ? 1 : 2, { min: 1 }),
};
const stepArgs = ['--warm-steps', steps.warm, '--train-steps', steps.train, '--infer-steps', steps.infer].map(String);
const rounds = number('rounds', opts.quick ? 1 : 3, { min: 1 });
const minSeconds = number('min-seconds', opts.quick ? 0 : 5, { integer: false });
const fullDatasetSteps = number('full-dataset-steps', opts.quick ? 3 : 20);
const batchSets = {
  cpu: { train: batchList('train-batches'), infer: number('infer-batch', 256, { min: 1 }) },
  gpu: { train: batchList('gpu-train-batches'), infer: number('gpu-infer-batch', 1024, { min: 1 }) },
};
const threads = String(Math.min(os.availableParallelism(), 8));

/** Each tfjs backend's child arguments; `capped` ones get --cpu-cap instead of --cap. */
const BACKENDS = {
  'tensorflow-gpu': { args: ['--backend', 'tensorflow-gpu'] },
  tensorflow: { args: ['--backend', 'tensorflow'] },
  webgpu: { args: ['--backend', 'webgpu'] },
  'wasm-threads': { args: ['--backend', 'wasm', '--threads', threads] },
  wasm: { args: ['--backend', 'wasm', '--threads', '1'] },
  cpu: { args: ['--backend', 'cpu'], capped: true },
};
const PYTORCH_DEVICES = ['cpu', 'cuda'];
const pytorchDevices = opts.pytorch === 'none' ? [] : opts.pytorch.split(',');
for (const device of pytorchDevices) {
  if (!PYTORCH_DEVICES.includes(device)) throw new Error(`--pytorch: unknown '${device}', expected some of ${PYTORCH_DEVICES.join(', ')} or none`);
}
const networks = opts.networks.split(',');
const backends = opts.backends.split(',');
for (const name of backends) {
  if (!(name in BACKENDS)) throw new Error(`--backends: unknown '${name}', expected some of ${Object.keys(BACKENDS).join(', ')}`);
}

const rows = [];

/** Whether a started tfjs backend computes on a GPU: a hardware adapter, or libtensorflow's CUDA build. */
function onGpu(name, selection) {
  return selection.adapter ? !selection.adapter.software : name === 'tensorflow-gpu';
}

/** One tfjs backend: a probe child tells whether it starts and on what, then a child per phase. */
async function benchTfjs(network, name) {
  const { args, capped } = BACKENDS[name];
  const phaseCap = capped ? cpuCap : cap;
  const child = (phase, extra = []) =>
    runChild(process.execPath, [new URL('tfjs-bench.mjs', here).pathname, ...args, '--network', network, '--phase', phase, ...extra], phaseCap);
  const probe = await child('probe');
  const unavailable = probe.events.find((e) => e.kind === 'unavailable');
  const selection = probe.events.find((e) => e.kind === 'backend');
  if (unavailable || !selection) {
    console.log(`skipped ${name} (${network}): ${unavailable?.reason ?? `it failed to start (${failureReason(probe)})`}`);
    return;
  }
  if (selection.adapter?.software && !opts['allow-software']) {
    console.log(`skipped ${name} (${network}): ${selection.description} is a software adapter, far slower than wasm; --allow-software measures it`);
    return;
  }
  const device = onGpu(name, selection) ? 'gpu' : 'cpu';
  const { train: trainBatches, infer: inferBatch } = batchSets[device];
  for (const [i, trainBatch] of trainBatches.entries()) {
    const train = summarizePhase(await child('train', ['--train-batch', String(trainBatch), ...stepArgs]), trainBatch, phaseCap);
    const infer = i === 0 ? summarizePhase(await child('infer', ['--infer-batch', String(inferBatch), ...stepArgs]), inferBatch, phaseCap) : {};
    const row = {
      network,
      backend: name,
      device,
      selection: selection.description,
      ...(selection.adapter ? { adapter: selection.adapter } : {}),
      train_batch: trainBatch,
      train_img_s: train.imgS ?? null,
      infer_batch: i === 0 ? inferBatch : null,
      infer_img_s: infer.imgS ?? null,
      // null when no step finished before the cap: the child died before it could say.
      peak_rss_mb: Math.max(train.peak ?? 0, infer.peak ?? 0) || null,
    };
    const note = [train.note && `train ${train.note}`, infer.note && `infer ${infer.note}`, train.failed && `train failed: ${train.failed}`, infer.failed && `infer failed: ${infer.failed}`]
      .filter(Boolean)
      .join('; ');
    addRow(note ? { ...row, note } : row);
  }
}

/** PyTorch on one device: every configuration's rounds, then the fastest as the reference rows. */
async function benchPytorch(network, torchDevice) {
  const backend = torchDevice === 'cuda' ? 'pytorch-cuda' : 'pytorch';
  const device = torchDevice === 'cuda' ? 'gpu' : 'cpu';
  const { train: trainBatches, infer: inferBatch } = batchSets[device];
  const args = [
    new URL('pytorch_bench.py', here).pathname, '--network', network, '--device', torchDevice, '--threads', threads,
    '--train-batches', trainBatches.join(','), '--infer-batch', String(inferBatch), ...stepArgs,
    '--rounds', String(rounds), '--min-seconds', String(minSeconds),
  ];
  // Its cap is --cap per round of all its configurations.
  const run = await runChild(opts.python, args, cap * rounds);
  const unavailable = run.events.find((e) => e.kind === 'unavailable');
  const backendEvent = run.events.find((e) => e.kind === 'backend');
  const configs = configMedians(run.events);
  if (unavailable || !backendEvent || configs.length === 0) {
    console.log(`skipped ${backend} (${network}): ${unavailable?.reason ?? failureReason(run)}`);
    return;
  }
  const result = run.events.find((e) => e.kind === 'result');
  const peakRssMb = Math.max(0, ...run.events.map((e) => e.peak_rss_mb ?? 0)) || null;
  const roundsStarted = Math.max(...run.events.map((e) => e.round ?? -1)) + 1;
  const extra = result
    ? { ...(result.gpu_peak_mb === undefined ? {} : { gpu_peak_mb: result.gpu_peak_mb }) }
    : { note: `${failureReason(run)} in round ${roundsStarted} of ${rounds}` };
  for (const row of pytorchRows({ network, backend, device, trainBatches, inferBatch, backendEvent, configs, peakRssMb })) {
    addRow({ ...row, ...extra });
  }
}

function addRow(row) {
  rows.push(row);
  printRow(row);
}

for (const network of networks) {
  for (const name of backends) await benchTfjs(network, name);
  for (const device of pytorchDevices) await benchPytorch(network, device);
}

if (fullDatasetSteps > 0) {
  const run = await runChild(process.execPath, [new URL('full-dataset-rss.mjs', here).pathname, '--steps', String(fullDatasetSteps)], cap);
  const result = run.events.find((e) => e.kind === 'result');
  const chosen = run.events.find((e) => e.kind === 'backend');
  console.log(result
    ? `full training set (${result.images} images in memory), ${result.steps} steps of simple on ${chosen.backend}: peak RSS ${result.peak_rss_mb} MB`
    : `full training set: failed (${failureReason(run)})`);
}

printTable(rows);
printPytorchConfigs(rows);

mkdirSync(dirname(opts.out), { recursive: true });
const tmp = `${opts.out}.tmp`;
writeFileSync(tmp, `${JSON.stringify(rows, null, 2)}\n`);
renameSync(tmp, opts.out);
console.log(`\nwrote ${opts.out}`);
