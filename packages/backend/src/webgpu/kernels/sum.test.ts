import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../../test-utils/compare.js';
import { liveTensors, programsRun, setUpWebGpu, tearDownWebGpu, webGpuAndCpu } from '../../test-utils/webgpu-vs-cpu.js';
import { sumConfig } from './sum.js';

type Case = { shape: number[]; axis: number[]; keepDims: boolean };
const cases: Case[] = [
  { shape: [2, 7, 9, 5], axis: [0, 1, 2], keepDims: false },
  { shape: [2, 7, 9, 5], axis: [2, 0, 1], keepDims: true },
  // Several splits, vec4 sums of them.
  { shape: [2, 23, 25, 8], axis: [-4, -3, -2], keepDims: false },
  { shape: [3, 70], axis: [0], keepDims: true },
  // Not over the leading axes: tfjs's kernel.
  { shape: [2, 7, 9, 5], axis: [1, 2], keepDims: false },
  { shape: [3, 70], axis: [1], keepDims: false },
];

describe('Sum on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('is the registered webgpu kernel', () => {
    expect(tf.getKernel('Sum', 'webgpu')).toBe(sumConfig);
  });

  it.each(cases)('matches cpu: $shape over $axis, keepDims $keepDims', async ({ shape, axis, keepDims }) => {
    const { webgpu, cpu } = await webGpuAndCpu(() => tf.sum(tf.tensor(values(shape.reduce((a, b) => a * b), 1), shape), axis, keepDims));
    expect(webgpu.shape).toEqual(cpu.shape);
    expect(maxRelativeError(webgpu.data, cpu.data)).toBeLessThan(1e-4);
  });

  it('sums no rows to zeros', async () => {
    const { webgpu } = await webGpuAndCpu(() => tf.sum(tf.zeros([0, 3]), 0));
    expect(Array.from(webgpu.data)).toEqual([0, 0, 0]);
  });

  it('sums int32 with the stock kernel', async () => {
    const { webgpu, cpu } = await webGpuAndCpu(() => tf.sum(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), 0));
    expect(Array.from(webgpu.data)).toEqual(Array.from(cpu.data));
  });

  it('reads x in place: one dispatch, or two with several splits, and no transpose', async () => {
    await tf.setBackend('webgpu');
    const run = (shape: number[]) => {
      const x = tf.ones(shape);
      const keys = programsRun(() => tf.dispose(tf.sum(x, [0, 1, 2])));
      x.dispose();
      return keys;
    };
    expect(run([2, 7, 9, 5])).toEqual(['resnetChannelReduction_sum_16']);
    expect(run([2, 23, 25, 8])).toEqual(['resnetChannelReduction_sum_16', 'resnetElementwise_sumSplits_4']);
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('webgpu');
    const x = tf.tensor4d(values(2 * 23 * 25 * 8, 1), [2, 23, 25, 8]);
    const before = liveTensors();
    const total = tf.sum(x, [0, 1, 2]);
    await total.data();
    total.dispose();
    expect(liveTensors()).toEqual(before);
    x.dispose();
  });
});
