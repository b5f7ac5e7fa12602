import { BatchNormMovingAverages, batchNormMovingAverages } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, runManyOn, values } from '../../test-utils/compare.js';
import { liveTensors, programsRun, setUpWebGpu, tearDownWebGpu } from '../../test-utils/webgpu-vs-cpu.js';
import { batchNormMovingAveragesConfig } from './batch-norm-moving-averages.js';

const MOMENTUM = 0.9;
const statistics = (channels: number) => [1, 2, 3, 4].map((seed) => tf.tensor1d(values(channels, seed).map((v) => (seed % 2 === 0 ? v * v : v)))) as tf.Tensor1D[];
const moved = (channels: number) => () => {
  const [movingMean, movingVariance, mean, variance] = statistics(channels);
  const result = batchNormMovingAverages(movingMean, movingVariance, mean, variance, MOMENTUM);
  return [result.movingMean, result.movingVariance];
};

describe('ResnetBatchNormMovingAverages on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('is the registered webgpu kernel', () => {
    expect(tf.getKernel(BatchNormMovingAverages, 'webgpu')).toBe(batchNormMovingAveragesConfig);
  });

  // Channels that are a multiple of 4 (vec4 reads) and that are not (scalar reads).
  it.each([64, 37])('moves both statistics as tfjs’s ops do on cpu: %i channels', async (channels) => {
    const [cpuMean, cpuVariance] = await runManyOn('cpu', moved(channels));
    const [mean, variance] = await runManyOn('webgpu', moved(channels));
    expect(maxRelativeError(mean, cpuMean)).toBeLessThan(1e-6);
    expect(maxRelativeError(variance, cpuVariance)).toBeLessThan(1e-6);
    expect(maxRelativeError(mean, values(channels, 1))).toBeGreaterThan(1e-3);
  });

  it('runs as one dispatch', async () => {
    await tf.setBackend('webgpu');
    const inputs = statistics(64);
    const keys = programsRun(() => {
      const result = batchNormMovingAverages(inputs[0], inputs[1], inputs[2], inputs[3], MOMENTUM);
      tf.dispose([result.movingMean, result.movingVariance]);
    });
    expect(keys).toHaveLength(1);
    tf.dispose(inputs);
  });

  it('names the input whose shape differs', async () => {
    await tf.setBackend('webgpu');
    const [movingMean, movingVariance, mean] = statistics(8);
    const variance = tf.ones([4]) as tf.Tensor1D;
    expect(() => batchNormMovingAverages(movingMean, movingVariance, mean, variance, MOMENTUM)).toThrow(
      /ResnetBatchNormMovingAverages: expected variance float32 \[8\].*got float32 \[4\]/,
    );
    tf.dispose([movingMean, movingVariance, mean, variance]);
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('webgpu');
    const inputs = statistics(16);
    const before = liveTensors();
    const result = batchNormMovingAverages(inputs[0], inputs[1], inputs[2], inputs[3], MOMENTUM);
    await result.movingVariance.data();
    tf.dispose([result.movingMean, result.movingVariance]);
    expect(liveTensors()).toEqual(before);
    tf.dispose(inputs);
  });
});
