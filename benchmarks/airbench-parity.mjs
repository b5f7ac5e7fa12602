// The first steps of the shipped airbench recipe, written out for PyTorch to repeat: the
// weights after the whitening is set, each batch as the step saw it, each step's learning rate
// and loss, and after every step the weights, BatchNorm's moving statistics and the optimizer's
// momentum. `airbench_reference.py --parity DIR` then takes each step again from our state before
// it, so float rounding cannot pile up over steps (training amplifies it fast: a 1e-7 change of
// the initial weights moves PyTorch's own 8th update by 0.5%), and says where the two differ. Not
// a test: it reads the real CIFAR-10 and needs PyTorch.
//
//   pnpm build
//   node benchmarks/airbench-parity.mjs --out runs/parity [--steps 8] [--batch 512] [--augment]
//        [--backend wasm|cpu|...] [--stock-gradients]
//   /usr/bin/python3 benchmarks/airbench_reference.py --parity runs/parity
//
// The recipe is models/airbench-cifar10/config.json's (optimizer, weight decay, label smoothing,
// frozen BatchNorm scales, 64x bias rate), on the first steps x batch training images in file
// order; without --augment unflipped and uncropped, so PyTorch gets the very same pixels either
// way (the batches are written out). Lookahead is left out: its update is a blend PyTorch's side
// would only copy; the learning rate follows the recipe's warm-up.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot, loadWorkspace } from './workspace.mjs';

const { values: opts } = parseArgs({
  options: {
    data: { type: 'string', default: join(repoRoot, '../shared/datasets/cifar-10/cifar-10-binary.tar.gz') },
    model: { type: 'string', default: join(repoRoot, 'models/airbench-cifar10') },
    out: { type: 'string' },
    steps: { type: 'string', default: '8' },
    batch: { type: 'string', default: '512' },
    augment: { type: 'boolean', default: false },
    threads: { type: 'string', default: '2' },
    backend: { type: 'string', default: 'wasm' },
    'stock-gradients': { type: 'boolean', default: false },
    // The recipe's SGD with Muon on the conv filters at this lr (its default momentum), to check our Muon.
    'muon-lr': { type: 'string' },
  },
});
const whole = (flag) => {
  const value = Number(opts[flag]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${flag}: expected a whole number >= 1, got '${opts[flag]}'`);
    process.exit(2);
  }
  return value;
};
const muonLr = opts['muon-lr'] === undefined ? undefined : Number(opts['muon-lr']);
if (muonLr !== undefined && !(muonLr > 0)) {
  console.error(`--muon-lr: expected a number > 0, got '${opts['muon-lr']}'`);
  process.exit(2);
}
const steps = whole('steps');
const batch = whole('batch');
if (opts.out === undefined) {
  console.error('--out: the directory to write the steps into is required');
  process.exit(2);
}

const { tf, backend, model: models, data, dataNode, trainer } = await loadWorkspace();
const { readRunConfig } = await import(join(repoRoot, 'packages/trainer/dist/node/index.js'));
await backend.setupNodeBackend(opts.backend, { threads: whole('threads'), trainingGradients: !opts['stock-gradients'] });
const config = await readRunConfig(opts.model);
const optimizer = muonLr === undefined ? config.optimizer : { ...config.optimizer, name: 'muon', muonLr, ...trainer.MUON_DEFAULTS };
const cifar = await dataNode.loadCifar10({ source: opts.data });
const split = data.takeFirst(cifar.train, steps * batch);
const source = new data.BatchIterator(split, {
  batchSize: batch,
  shuffle: false,
  seed: config.seed,
  augment: opts.augment ? config.augment : false,
  normalization: config.normalization,
});
const model = models.buildModel(config.model, { seed: config.seed, weightDecay: config.weightDecay, ...config.modelOptions });

const out = opts.out;
await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'step-0'), { recursive: true });
const writeTensor = async (file, tensor) => {
  const values = await tensor.data();
  await writeFile(join(out, file), Buffer.from(values.buffer, values.byteOffset, values.byteLength));
};
const fileOf = (name) => `${name.replaceAll('/', '.')}.bin`;
/** The model's weights and the optimizer's slots after `step` steps (none before the first). */
const writeState = async (step, optimizer) => {
  const dir = `step-${step}`;
  await mkdir(join(out, dir), { recursive: true });
  for (const w of model.weights) await writeTensor(join(dir, fileOf(w.name)), w.read());
  const slots = optimizer ? await optimizer.getWeights() : [];
  for (const { name, tensor } of slots) await writeTensor(join(dir, fileOf(name)), tensor);
  return slots.filter(({ tensor }) => tensor.rank > 0).map(({ name }) => name);
};

// The batches exactly as training sees them (the source is deterministic in its seed).
const images = [];
const labels = [];
for (const { xs, ys } of source.batches(0)) {
  images.push(xs);
  labels.push(ys);
}
const allImages = tf.concat(images);
const allLabels = tf.concat(labels);
await writeTensor('images.f32', allImages);
await writeTensor('labels.i32', allLabels);
tf.dispose([...images, ...labels, allImages, allLabels]);

const log = [];
let slots = [];
await trainer.fit(model, source, {
  epochs: 1,
  optimizer,
  // The recipe's warm-up, 23% of a run, over these steps.
  schedule: { ...config.schedule, warmupEpochs: 0.23 },
  labelSmoothing: config.labelSmoothing,
  whiteningEpsilon: config.whiteningEpsilon,
  batchNorm: config.batchNormTraining,
  batchNormStatistics: { mode: 'moving' },
  seed: config.seed,
  callbacks: [
    { onTrainBegin: () => writeState(0) },
    {
      onBatchEnd: async (entry, ctx) => {
        log.push({ step: entry.step, lr: entry.lr, loss: entry.loss, accuracy: entry.accuracy });
        slots = await writeState(entry.step, ctx.optimizer);
      },
    },
  ],
});
const manifest = {
  recipe: opts.model,
  backend: tf.getBackend(),
  steps,
  batch,
  augment: opts.augment,
  imageShape: [32, 32, 3],
  weightDecay: config.weightDecay,
  labelSmoothing: config.labelSmoothing,
  optimizer,
  batchNormTraining: config.batchNormTraining,
  batchNormMomentum: model.layers.find((layer) => layer.getClassName() === 'BatchNormalization').getConfig().momentum,
  // The optimizer keys its slots by variable name: `${variable}/momentum` for SGD with momentum,
  // `${variable}/muon_momentum` for Muon's.
  weights: model.weights.map((w) => ({ name: w.name, variable: w.read().name, file: fileOf(w.name), shape: w.shape })),
  slots: slots.map((name) => ({ name, file: fileOf(name) })),
  log,
};
await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${steps} steps of ${batch} written to ${out}; losses: ${log.map((e) => e.loss.toFixed(5)).join(' ')}`);
