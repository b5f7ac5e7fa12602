import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import type { Batch, BatchSource } from './types.js';

/** softmax(left pixel's channels): the right column is ignored, so mirroring changes answers. */
function leftPixelModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [1, 2, 3] }), tf.layers.dense({ units: 3, activation: 'softmax' })],
  });
  const kernel = tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  model.setWeights([kernel, tf.zeros([3])]);
  return model;
}

/** Images given as [left rgb, right rgb]. */
function source(images: [number[], number[]][], labels: number[], batchSize: number): BatchSource {
  return {
    batchesPerEpoch: Math.ceil(labels.length / batchSize),
    size: labels.length,
    *batches(): Iterable<Batch> {
      for (let start = 0; start < labels.length; start += batchSize) {
        const chunk = images.slice(start, start + batchSize);
        yield {
          xs: tf.tensor4d(chunk.flat(2), [chunk.length, 1, 2, 3]),
          ys: tf.tensor1d(labels.slice(start, start + batchSize), 'int32'),
        };
      }
    },
  };
}

// Predictions without TTA: 0, 1, 1, 0. The last image's right pixel strongly says 2.
const images: [number[], number[]][] = [
  [[5, 0, 0], [0, 0, 0]],
  [[0, 5, 0], [0, 0, 0]],
  [[0, 5, 0], [0, 0, 0]],
  [[4, 0, 0], [0, 0, 9]],
];
const labels = [0, 1, 2, 2];

describe('evaluate', () => {
  it('reports accuracy, per-class accuracy and the confusion matrix of a hand-made case', async () => {
    const model = leftPixelModel();
    const before = tf.memory().numTensors;
    const report = await evaluate(model, source(images, labels, 3));
    expect(report.count).toBe(4);
    expect(report.accuracy).toBe(0.5);
    expect(report.confusionMatrix).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
    ]);
    expect(report.perClassAccuracy).toEqual([1, 1, 0]);
    const p = (logits: number[], k: number) => Math.exp(logits[k]) / logits.reduce((s, l) => s + Math.exp(l), 0);
    const expectedLoss = -(Math.log(p([5, 0, 0], 0)) + Math.log(p([0, 5, 0], 1)) + Math.log(p([0, 5, 0], 2)) + Math.log(p([4, 0, 0], 2))) / 4;
    expect(report.loss).toBeCloseTo(expectedLoss, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('averages each image with its mirror under flip TTA', async () => {
    const report = await evaluate(leftPixelModel(), source(images, labels, 4), { flipTta: true });
    // Mirrored, the last image shows its strong class-2 pixel; the others' mirrors are uniform.
    expect(report.confusionMatrix[2]).toEqual([0, 1, 1]);
    expect(report.accuracy).toBe(0.75);
  });

  it('marks a class without examples as NaN and rejects out-of-range labels', async () => {
    const report = await evaluate(leftPixelModel(), source(images.slice(0, 2), [0, 1], 2));
    expect(report.perClassAccuracy).toEqual([1, 1, Number.NaN]);
    await expect(evaluate(leftPixelModel(), source(images.slice(0, 1), [7], 1))).rejects.toThrow(/label 7 is outside \[0, 3\)/);
  });
});
