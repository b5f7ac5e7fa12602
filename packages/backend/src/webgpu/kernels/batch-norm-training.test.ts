import { batchNormTraining, BatchNormTraining } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, runManyOn, values } from '../../test-utils/compare.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../../test-utils/webgpu-vs-cpu.js';
import { channelSplits } from '../programs/channel-reduction.js';
import { batchNormTrainingConfig } from './batch-norm-training.js';

const EPSILON = 1e-3;
// Channels for each lane width (16, 32, 64) and past one block (70), with vec4 (8, 20) and without.
const shapes = [
  [2, 7, 9, 5],
  [2, 23, 25, 8],
  [4, 11, 13, 20],
  [2, 9, 9, 33],
  [3, 70],
];

function inputs(shape: number[]) {
  const c = shape[shape.length - 1];
  // Each channel with its own mean and spread, as after a convolution.
  const x = tf.add(tf.mul(tf.tensor(values(shape.reduce((a, b) => a * b), 1), shape), tf.linspace(0.5, 3, c)), tf.linspace(-2, 4, c));
  return { x, scale: tf.tensor1d(values(c, 2)), offset: tf.tensor1d(values(c, 3)) };
}

describe('ResnetBatchNormTraining on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('is the registered webgpu kernel', () => {
    expect(tf.getKernel(BatchNormTraining, 'webgpu')).toBe(batchNormTrainingConfig);
  });

  it('reduces the rows of the larger shapes in several splits', () => {
    expect(channelSplits(2 * 23 * 25, 8)).toEqual({ lanes: 16, splits: 3, rowsPerSplit: 512 });
    expect(channelSplits(4 * 11 * 13, 20)).toEqual({ lanes: 32, splits: 3, rowsPerSplit: 256 });
    expect(channelSplits(3, 70)).toEqual({ lanes: 64, splits: 1, rowsPerSplit: 128 });
    expect(channelSplits(64 * 32 * 32, 64)).toEqual({ lanes: 64, splits: 128, rowsPerSplit: 512 });
  });

  it.each(shapes.map((shape) => ({ shape })))('matches tf.moments and tf.batchNorm on cpu: x $shape', async ({ shape }) => {
    const reference = await runManyOn('cpu', () => {
      const { x, scale, offset } = inputs(shape);
      const { mean, variance } = tf.moments(x, [...Array(shape.length - 1).keys()]);
      return [tf.batchNorm(x, mean, variance, offset, scale, EPSILON), mean, variance];
    });
    const ours = await runManyOn('webgpu', () => {
      const { x, scale, offset } = inputs(shape);
      const { y, mean, variance } = batchNormTraining(x, scale, offset, EPSILON);
      return [y, mean, variance];
    });
    ours.forEach((data, i) => expect(maxRelativeError(data, reference[i])).toBeLessThan(1e-4));
  });

  it('keeps the variance of data far from zero exact (one pass, no sum of squares)', async () => {
    // Mean 100, spread 1: sum(x^2) / n - mean^2 in float32 loses about 3 of 7 digits here.
    const data = values(2 * 23 * 25 * 8, 4).map((v) => 100 + v);
    const [variance] = await runManyOn('webgpu', () => [batchNormTraining(tf.tensor4d(data, [2, 23, 25, 8]), tf.ones([8]), tf.zeros([8]), EPSILON).variance]);
    const exact = new Float64Array(8).map((_, c) => {
      const column = data.filter((_, i) => i % 8 === c);
      const mean = column.reduce((a, b) => a + b, 0) / column.length;
      return column.reduce((a, v) => a + (v - mean) ** 2, 0) / column.length;
    });
    expect(maxRelativeError(variance, exact)).toBeLessThan(1e-5);
  });

  it('rejects inputs it cannot normalize, naming them', async () => {
    await tf.setBackend('webgpu');
    const run = (x: tf.Tensor, scale: tf.Tensor1D) => () => tf.tidy(() => batchNormTraining(x, scale, tf.zeros([4]), EPSILON).y);
    expect(run(tf.zeros([0, 4]), tf.ones([4]))).toThrow('ResnetBatchNormTraining: expected x float32, not empty, of rank 2 or more, got float32 [0,4]');
    expect(run(tf.zeros([2, 4]), tf.ones([5]))).toThrow("ResnetBatchNormTraining: expected scale float32 [4] (x's channels), got float32 [5]");
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('webgpu');
    const { x, scale, offset } = inputs([2, 23, 25, 8]);
    const before = liveTensors();
    const { y, mean, variance } = batchNormTraining(x, scale, offset, EPSILON);
    await y.data();
    tf.dispose([y, mean, variance]);
    expect(liveTensors()).toEqual(before);
    tf.dispose([x, scale, offset]);
  });
});
