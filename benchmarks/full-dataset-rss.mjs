// Peak RSS of training on the whole CIFAR-10 training set held in memory (uint8, as the
// trainer holds it), on the backend `auto` picks, through @resnet/data's batch iterator.
//
//   node benchmarks/full-dataset-rss.mjs --steps 20 [--source path/to/cifar-10-binary.tar.gz]
import { parseArgs } from 'node:util';
import { loadWorkspace, peakRssMb, report, repoRoot } from './workspace.mjs';

const { values: opts } = parseArgs({
  options: {
    source: { type: 'string', default: `${repoRoot}../shared/datasets/cifar-10/cifar-10-binary.tar.gz` },
    network: { type: 'string', default: 'simple' },
    steps: { type: 'string', default: '20' },
  },
});
const steps = Number(opts.steps);
if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps: expected a positive whole number, got '${opts.steps}'`);

const { tf, backend, model: models, data, dataNode } = await loadWorkspace();
const selection = await backend.setupNodeBackend('auto');
report({ kind: 'backend', ...selection });
const { train } = await dataNode.loadCifar10({ source: opts.source });
report({ kind: 'loaded', images: train.count, peak_rss_mb: peakRssMb() });

const model = models.buildModel(opts.network, { seed: 1 });
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
const batches = new data.BatchIterator(train, { batchSize: 64, seed: 1, augment: true }).batches(0);
for (let step = 0; step < steps; step++) {
  const { value: batch } = batches.next();
  // tfjs's sparse cross-entropy floors its labels, which needs float32; batches hold int32.
  const labels = batch.ys.toFloat();
  await model.trainOnBatch(batch.xs, labels);
  tf.dispose([batch.xs, batch.ys, labels]);
  report({ kind: 'step', phase: 'train', step, peak_rss_mb: peakRssMb(), num_tensors: tf.memory().numTensors });
}
report({ kind: 'result', images: train.count, steps, peak_rss_mb: peakRssMb() });
