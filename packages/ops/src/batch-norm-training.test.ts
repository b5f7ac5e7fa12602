import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchNormTraining } from './batch-norm-training.js';
import { BatchNormTraining, BatchNormTrainingGrad } from './kernel-names.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** [2, 1, 1, 2]: channel 0 holds 1 and 3, channel 1 holds 2 and 6. */
const input = () => tf.tensor4d([1, 2, 3, 6], [2, 1, 1, 2]);
const scale = () => tf.tensor1d([2, 1]);
const offset = () => tf.tensor1d([0.5, -1]);

function sumOfWeighted(x: tf.Tensor, s: tf.Tensor1D, o: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.mul(batchNormTraining(x, s, o, 0).y, tf.tensor4d([1, 2, 3, 4], [2, 1, 1, 2])));
}

describe('batchNormTraining without a kernel of ours (tfjs ops)', () => {
  it('normalizes each channel by its batch mean and biased variance', async () => {
    const { y, mean, variance } = batchNormTraining(input(), scale(), offset(), 0);
    expect(Array.from(await mean.data())).toEqual([2, 4]);
    expect(Array.from(await variance.data())).toEqual([1, 4]);
    // (1 - 2) / 1 * 2 + 0.5, (2 - 4) / 2 * 1 - 1, ...
    expect(Array.from(await y.data())).toEqual([-1.5, -2, 2.5, 0]);
  });
});

describe('batchNormTraining with a kernel (a test kernel on cpu, standing in for @resnet/backend’s)', () => {
  const calls: string[] = [];
  beforeAll(() => {
    // The contract's formulas, written out in plain loops over [N, C].
    tf.registerKernel({
      kernelName: BatchNormTraining,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend, attrs = {} }) => {
        calls.push('forward');
        const cpu = backend as tf.KernelBackend & { makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo };
        const [x, s, o] = ['x', 'scale', 'offset'].map((n) => cpu.readSync((inputs[n] as tf.TensorInfo).dataId) as Float32Array);
        const c = s.length;
        const n = x.length / c;
        const mean = new Float32Array(c);
        const variance = new Float32Array(c);
        for (let i = 0; i < x.length; i++) mean[i % c] += x[i] / n;
        for (let i = 0; i < x.length; i++) variance[i % c] += (x[i] - mean[i % c]) ** 2 / n;
        const y = x.map((v, i) => ((v - mean[i % c]) / Math.sqrt(variance[i % c] + (attrs.epsilon as number))) * s[i % c] + o[i % c]);
        return [cpu.makeTensorInfo((inputs.x as tf.TensorInfo).shape, 'float32', y), cpu.makeTensorInfo([c], 'float32', mean), cpu.makeTensorInfo([c], 'float32', variance)];
      },
    });
    tf.registerKernel({
      kernelName: BatchNormTrainingGrad,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend, attrs = {} }) => {
        calls.push('backward');
        const cpu = backend as tf.KernelBackend & { makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo };
        const [dy, x, s, mean, variance] = ['dy', 'x', 'scale', 'mean', 'variance'].map((k) => cpu.readSync((inputs[k] as tf.TensorInfo).dataId) as Float32Array);
        const c = s.length;
        const n = x.length / c;
        const invStd = variance.map((v) => 1 / Math.sqrt(v + (attrs.epsilon as number)));
        const xhat = x.map((v, i) => (v - mean[i % c]) * invStd[i % c]);
        const dOffset = new Float32Array(c);
        const dScale = new Float32Array(c);
        dy.forEach((g, i) => {
          dOffset[i % c] += g;
          dScale[i % c] += g * xhat[i];
        });
        const dx = dy.map((g, i) => s[i % c] * invStd[i % c] * (g - dOffset[i % c] / n - (xhat[i] * dScale[i % c]) / n));
        return [cpu.makeTensorInfo((inputs.x as tf.TensorInfo).shape, 'float32', dx), cpu.makeTensorInfo([c], 'float32', dScale), cpu.makeTensorInfo([c], 'float32', dOffset)];
      },
    });
  });
  afterAll(() => {
    for (const name of [BatchNormTraining, BatchNormTrainingGrad]) if (tf.getKernel(name, 'cpu')) tf.unregisterKernel(name, 'cpu');
  });

  it('runs the kernel forward and its gradient kernel backward, with the gradients of tfjs’s ops', async () => {
    const grads = (x: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => tf.grads((a: tf.Tensor, b: tf.Tensor, d: tf.Tensor) => sumOfWeighted(a, b as tf.Tensor1D, d as tf.Tensor1D))([x, s, o]);
    const withKernel = await Promise.all(grads(input(), scale(), offset()).map((g) => g.data()));
    expect(calls).toEqual(['forward', 'backward']);
    tf.unregisterKernel(BatchNormTraining, 'cpu');
    const reference = await Promise.all(grads(input(), scale(), offset()).map((g) => g.data()));
    withKernel.forEach((g, i) => Array.from(g).forEach((v, j) => expect(v).toBeCloseTo(reference[i][j], 5)));
    expect(reference.map((g) => g.length)).toEqual([4, 2, 2]);
  });
});
