import { batchNormTraining, BatchNormTrainingGrad } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, runManyOn, values } from '../../test-utils/compare.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../../test-utils/webgpu-vs-cpu.js';
import { useTrainingGradients } from '../../training-gradients.js';
import { batchNormTrainingGradConfig } from './batch-norm-training-grad.js';

const EPSILON = 1e-3;
// As in the forward test: each lane width, one and several splits, vec4 and not.
const shapes = [[2, 7, 9, 5], [2, 23, 25, 8], [4, 11, 13, 20], [2, 9, 9, 33], [3, 70]];

function inputs(shape: number[]) {
  const c = shape[shape.length - 1];
  const x = tf.add(tf.mul(tf.tensor(values(shape.reduce((a, b) => a * b), 1), shape), tf.linspace(0.5, 3, c)), tf.linspace(-2, 4, c));
  // A loss whose gradient dy differs from element to element.
  const weights = tf.tensor(values(shape.reduce((a, b) => a * b), 4), shape);
  return { x, scale: tf.tensor1d(values(c, 2)), offset: tf.tensor1d(values(c, 3)), weights };
}

describe('ResnetBatchNormTrainingGrad on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('is the registered webgpu kernel', () => {
    expect(tf.getKernel(BatchNormTrainingGrad, 'webgpu')).toBe(batchNormTrainingGradConfig);
  });

  it.each(shapes.map((shape) => ({ shape })))('matches the tf.grads of tf.moments and tf.batchNorm on cpu: x $shape', async ({ shape }) => {
    const axes = [...Array(shape.length - 1).keys()];
    // tfjs's own gradients for the reference, not the faster ones our backend setup registers.
    useTrainingGradients(false);
    const reference = await runManyOn('cpu', () => {
      const { x, scale, offset, weights } = inputs(shape);
      const loss = (a: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => {
        const { mean, variance } = tf.moments(a, axes);
        return tf.sum(tf.mul(tf.batchNorm(a, mean, variance, o as tf.Tensor1D, s as tf.Tensor1D, EPSILON), weights));
      };
      return tf.grads(loss)([x, scale, offset]);
    });
    useTrainingGradients(true);
    const ours = await runManyOn('webgpu', () => {
      const { x, scale, offset, weights } = inputs(shape);
      const loss = (a: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => tf.sum(tf.mul(batchNormTraining(a, s as tf.Tensor1D, o as tf.Tensor1D, EPSILON).y, weights));
      return tf.grads(loss)([x, scale, offset]);
    });
    ours.forEach((data, i) => expect(maxRelativeError(data, reference[i])).toBeLessThan(1e-4));
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('webgpu');
    const { x, scale, offset, weights } = inputs([2, 23, 25, 8]);
    const before = liveTensors();
    const grads = tf.grads((a: tf.Tensor) => tf.sum(tf.mul(batchNormTraining(a, scale, offset, EPSILON).y, weights)))([x]);
    await grads[0].data();
    tf.dispose(grads);
    expect(liveTensors()).toEqual(before);
    tf.dispose([x, scale, offset, weights]);
  });
});
