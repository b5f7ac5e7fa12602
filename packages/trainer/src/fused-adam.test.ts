import { AdamUpdate } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FusedAdamOptimizer } from './fused-adam.js';

const calls: number[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The contract's formula in a plain loop, standing in for @resnet/backend's kernels.
  tf.registerKernel({
    kernelName: AdamUpdate,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs = {} }) => {
      const cpu = backend as tf.KernelBackend & { makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo };
      const [x, m, v, g] = ['x', 'm', 'v', 'gradient'].map((k) => cpu.readSync((inputs[k] as tf.TensorInfo).dataId) as Float32Array);
      const { lr, beta1, beta2, epsilon, step } = attrs as Record<string, number>;
      calls.push(step);
      const m2 = m.map((mi, i) => beta1 * mi + (1 - beta1) * g[i]);
      const v2 = v.map((vi, i) => beta2 * vi + (1 - beta2) * g[i] ** 2);
      const x2 = x.map((xi, i) => xi - (lr * (m2[i] / (1 - beta1 ** step))) / (Math.sqrt(v2[i] / (1 - beta2 ** step)) + epsilon));
      const shape = (inputs.x as tf.TensorInfo).shape;
      return [x2, m2, v2].map((values) => cpu.makeTensorInfo(shape, 'float32', values));
    },
  });
});

afterAll(() => tf.unregisterKernel(AdamUpdate, 'cpu'));

describe('FusedAdamOptimizer with an AdamUpdate kernel (a test kernel on cpu)', () => {
  it('takes the steps of tfjs’s AdamOptimizer, one kernel per variable, with the same named slots', async () => {
    const start = [[0.5, -1, 2], [3, 0.25]];
    const gradients = [[[0.1, -0.2, 0.3], [1, -1]], [[-0.5, 0.4, 0], [0.2, 0.3]], [[1, 1, -1], [0, 4]]];
    const run = async (optimizer: tf.AdamOptimizer) => {
      const variables = start.map((values, i) => tf.variable(tf.tensor1d(values), true, `w${i}-${optimizer.constructor.name}`));
      for (const step of gradients) {
        const named = variables.map((v, i) => ({ name: v.name, tensor: tf.tensor1d(step[i]) }));
        optimizer.applyGradients(named);
        tf.dispose(named.map((n) => n.tensor));
      }
      const weights = await optimizer.getWeights();
      return { values: await Promise.all(variables.map((v) => v.data())), slots: weights.map((w) => w.name.replace(/-\w+Optimizer/, '')) };
    };
    const start0 = tf.memory().numTensors;
    const tfjs = await run(tf.train.adam(0.01, 0.8, 0.95, 1e-6));
    const start1 = tf.memory().numTensors;
    const fused = await run(new FusedAdamOptimizer(0.01, 0.8, 0.95, 1e-6));
    // Variables, slots and getWeights' scalar, as many as tfjs's optimizer keeps: nothing leaks.
    expect(tf.memory().numTensors - start1).toBe(start1 - start0);
    expect(calls).toEqual([1, 1, 2, 2, 3, 3]);
    expect(fused.slots).toEqual(tfjs.slots);
    fused.values.forEach((values, i) => Array.from(values).forEach((value, j) => expect(value).toBeCloseTo(tfjs.values[i][j], 6)));
  });
});
