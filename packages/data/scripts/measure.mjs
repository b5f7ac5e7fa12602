// Measures load+parse time of the real CIFAR-10 archive and the cost of augmentation.
// Run after `pnpm --filter @resnet/data build`:
//   node packages/data/scripts/measure.mjs [path/to/cifar-10-binary.tar.gz]
// Reports wall time and this process's CPU time: on a shared machine the wall time depends on
// the load, the CPU time much less.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { BatchIterator, augmentBatch, computeChannelStats, mulberry32 } from '../dist/index.js';
import { loadCifar10 } from '../dist/node/index.js';

const archive =
  process.argv[2] ??
  fileURLToPath(new URL('../../../../shared/datasets/cifar-10/cifar-10-binary.tar.gz', import.meta.url));

async function timed(label, body) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await body();
  const wall = (performance.now() - start) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  console.log(`${label}: ${wall.toFixed(2)} s wall, ${((user + system) / 1e6).toFixed(2)} s CPU`);
  return result;
}

const cacheDir = await mkdtemp(join(tmpdir(), 'resnet-measure-'));
try {
  const data = await timed('load+parse, first time (gunzip, untar, write cache, parse)', () =>
    loadCifar10({ source: archive, cacheDir }),
  );
  await timed('load+parse, from the extracted cache', () => loadCifar10({ source: archive, cacheDir }));
  console.log(`train ${data.train.count}, test ${data.test.count}`);
  const stats = computeChannelStats(data.train);
  console.log(`train mean ${stats.mean.map((m) => m.toFixed(4))}, std ${stats.std.map((s) => s.toFixed(4))}`);

  const batch = 64;
  const batches = 300;
  const random = mulberry32(1);
  const images = data.train.images;
  const bytes = batch * 3072;
  for (const [name, options] of [
    ['zero', { paddingMode: 'zero' }],
    ['reflect', { paddingMode: 'reflect' }],
  ]) {
    augmentBatch(images.subarray(0, bytes), batch, data.train, options, random); // warm up
    const start = performance.now();
    for (let b = 0; b < batches; b++) {
      augmentBatch(images.subarray(b * bytes, (b + 1) * bytes), batch, data.train, options, random);
    }
    console.log(`augment (crop ${name} pad 4 + flip), batch of 64: ${((performance.now() - start) / batches).toFixed(3)} ms`);
  }

  await tf.setBackend('cpu');
  for (const augment of [false, true]) {
    const iterator = new BatchIterator(data.train, { batchSize: batch, seed: 1, augment });
    const source = iterator.batches(0)[Symbol.iterator]();
    const start = performance.now();
    for (let b = 0; b < batches; b++) {
      const { xs, ys } = source.next().value;
      tf.dispose([xs, ys]);
    }
    source.return();
    console.log(
      `BatchIterator batch of 64 (gather, ${augment ? 'augment, ' : ''}normalize, tensors): ${((performance.now() - start) / batches).toFixed(3)} ms`,
    );
  }
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
