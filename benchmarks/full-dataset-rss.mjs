// Peak RSS of training on the whole CIFAR-10 training set held in memory (uint8, as the
// trainer holds it), on the backend `auto` picks, through @resnet/data's batch iterator and
// @resnet/trainer's fit loop, as `resnet train` runs it.
//
//   node benchmarks/full-dataset-rss.mjs --steps 20 [--source path/to/cifar-10-binary.tar.gz]
import { parseArgs } from 'node:util';
import { peakRssMb, report } from './report.mjs';
import { loadWorkspace, repoRoot } from './workspace.mjs';

const { values: opts } = parseArgs({
  options: {
    source: { type: 'string', default: `${repoRoot}../shared/datasets/cifar-10/cifar-10-binary.tar.gz` },
    network: { type: 'string', default: 'simple' },
    steps: { type: 'string', default: '20' },
  },
});
const steps = Number(opts.steps);
if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps: expected a positive whole number, got '${opts.steps}'`);

const { tf, backend, model: models, data, dataNode, trainer } = await loadWorkspace();
const selection = await backend.setupNodeBackend('auto');
report({ kind: 'backend', ...selection });
const { train } = await dataNode.loadCifar10({ source: opts.source });
report({ kind: 'loaded', images: train.count, peak_rss_mb: peakRssMb() });

const model = models.buildModel(opts.network, { seed: 1 });
const iterator = new data.BatchIterator(train, { batchSize: 64, seed: 1, augment: true });
// The training run's own loop (@resnet/trainer's fit), cut to the first `steps` batches.
const firstSteps = {
  batchesPerEpoch: steps,
  size: steps * 64,
  *batches(epoch) {
    let step = 0;
    for (const batch of iterator.batches(epoch)) {
      if (step++ === steps) {
        tf.dispose([batch.xs, batch.ys]);
        return;
      }
      yield batch;
    }
  },
};
const stepLog = {
  onBatchEnd: ({ batch }) =>
    report({ kind: 'step', phase: 'train', step: batch, peak_rss_mb: peakRssMb(), num_tensors: tf.memory().numTensors }),
};
await trainer.fit(model, firstSteps, { epochs: 1, optimizer: { name: 'adam', lr: 1e-3 }, seed: 1, callbacks: [stepLog] });
report({ kind: 'result', images: train.count, steps, peak_rss_mb: peakRssMb() });
