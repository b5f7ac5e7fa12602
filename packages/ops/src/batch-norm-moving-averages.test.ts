import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNormMovingAverages } from './batch-norm-moving-averages.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('batchNormMovingAverages without a kernel of ours (tfjs ops)', () => {
  it('moves each statistic (1 - momentum) of the way to the batch’s, in float32', async () => {
    const momentum = 0.9;
    const [movingMean, movingVariance] = [tf.tensor1d([0, 1, -2]), tf.tensor1d([1, 1, 4])];
    const [mean, variance] = [tf.tensor1d([1, 1, 2]), tf.tensor1d([3, 0.5, 4])];
    const moved = batchNormMovingAverages(movingMean, movingVariance, mean, variance, momentum);
    const f = Math.fround(1 - momentum);
    const expected = (moving: number[], value: number[]) => moving.map((m, i) => Math.fround(m - Math.fround(Math.fround(m - value[i]) * f)));
    expect(Array.from(await moved.movingMean.data())).toEqual(expected([0, 1, -2], [1, 1, 2]));
    expect(Array.from(await moved.movingVariance.data())).toEqual(expected([1, 1, 4], [3, 0.5, 4]));
    expect(Array.from(await moved.movingMean.data())).not.toEqual([0, 1, -2]);
    tf.dispose([movingMean, movingVariance, mean, variance, moved.movingMean, moved.movingVariance]);
  });

  it('leaves only its two results behind', () => {
    const inputs = [tf.ones([4]), tf.ones([4]), tf.zeros([4]), tf.zeros([4])] as tf.Tensor1D[];
    const before = tf.memory().numTensors;
    const moved = batchNormMovingAverages(inputs[0], inputs[1], inputs[2], inputs[3], 0.99);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([...inputs, moved.movingMean, moved.movingVariance]);
  });
});
