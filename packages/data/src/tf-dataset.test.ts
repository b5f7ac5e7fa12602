import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchIterator } from './batch-iterator.js';
import { tinySplit } from './test-utils/tiny-cifar.js';
import { toTfDataset } from './tf-dataset.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('toTfDataset', () => {
  it('feeds model.fitDataset with no tensor leak across epochs', async () => {
    const iterator = new BatchIterator(tinySplit(12), { batchSize: 4, seed: 3, augment: true });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 2, kernelSize: 3, strides: 4 }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    const counts: number[] = [];
    const history = await model.fitDataset(toTfDataset(iterator), {
      epochs: 3,
      verbose: 0,
      callbacks: { onEpochEnd: async () => void counts.push(tf.memory().numTensors) },
    });
    expect(history.history.loss).toHaveLength(3);
    expect(counts[2]).toBe(counts[1]);
    expect(counts[1]).toBe(counts[0]);
    model.dispose();
  });

  it('moves to the next epoch on each pass, or stays on a given epoch', async () => {
    const iterator = new BatchIterator(tinySplit(12), { batchSize: 12, seed: 3 });
    const firstLabels = async (dataset: tf.data.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }>) => {
      const labels: number[][] = [];
      await dataset.forEachAsync(({ xs, ys }) => {
        expect(ys.dtype).toBe('float32');
        labels.push(Array.from(ys.dataSync()));
        tf.dispose([xs, ys]);
      });
      return labels[0];
    };
    const moving = toTfDataset(iterator);
    const fixed = toTfDataset(iterator, 5);
    const expected = (e: number) => {
      const [batch] = iterator.batches(e);
      const labels = Array.from(batch.ys.dataSync());
      tf.dispose([batch.xs, batch.ys]);
      return labels;
    };
    expect(await firstLabels(moving)).toEqual(expected(0));
    expect(await firstLabels(moving)).toEqual(expected(1));
    expect(await firstLabels(fixed)).toEqual(expected(5));
    expect(await firstLabels(fixed)).toEqual(expected(5));
  });
});
