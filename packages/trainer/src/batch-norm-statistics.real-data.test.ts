import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchIterator, takeFirst } from '@resnet/data';
import { loadCifar10 } from '@resnet/data/node';
import { buildModel } from '@resnet/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchNormStatisticsOptions } from './batch-norm-statistics.js';
import { fit } from './fit.js';

// The real archive lives beside the checkout: <repo>/../shared/datasets/cifar-10/.
const archive = fileURLToPath(new URL('../../../../shared/datasets/cifar-10/cifar-10-binary.tar.gz', import.meta.url));

describe('BatchNorm statistics on real CIFAR-10 images, a short run', () => {
  let cacheDir: string;
  let data: Awaited<ReturnType<typeof loadCifar10>>;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'bn-real-'));
    data = await loadCifar10({ source: archive, cacheDir });
  }, 120_000);
  afterAll(() => rm(cacheDir, { recursive: true, force: true }), 60_000);

  /** The tiny preset with Keras's BatchNorm momentum (0.99), 1,024 images, 4 epochs: 128 steps. */
  async function shortRun(batchNormStatistics: BatchNormStatisticsOptions) {
    const model = buildModel('tiny', { seed: 1, batchNorm: { momentum: 0.99 } });
    const train = new BatchIterator(takeFirst(data.train, 1024), { batchSize: 32, seed: 1, normalization: 'standardize' });
    const validation = new BatchIterator(takeFirst(data.test, 512), { batchSize: 256, shuffle: false, normalization: 'standardize' });
    const { history } = await fit(model, train, { epochs: 4, optimizer: { name: 'adam', lr: 1e-2 }, validation, batchNormStatistics, seed: 1 });
    model.dispose();
    const last = history[history.length - 1];
    return { train: last.accuracy, validation: last.val_accuracy as number };
  }

  it('validates close to its training accuracy with recomputed statistics, well below it with the young moving averages', async () => {
    const auto = await shortRun({ mode: 'auto' });
    const moving = await shortRun({ mode: 'moving' });
    expect(auto.train).toBeGreaterThan(0.2);
    expect(Math.abs(auto.validation - auto.train)).toBeLessThan(0.05);
    expect(moving.validation).toBeLessThan(auto.validation - 0.08);
    console.log(`train / validation accuracy after 128 steps: auto ${auto.train.toFixed(3)} / ${auto.validation.toFixed(3)}, moving ${moving.train.toFixed(3)} / ${moving.validation.toFixed(3)}`);
  }, 180_000);
});
