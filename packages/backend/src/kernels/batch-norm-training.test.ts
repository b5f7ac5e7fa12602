import { batchNormTraining } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, runOn, values } from '../test-utils/compare.js';
import { setUpWasm } from '../test-utils/wasm-vs-cpu.js';

beforeAll(async () => {
  await setUpWasm();
});

/** y, mean, variance and the gradients of sum(y w) for x, scale and offset, as one flat list per output. */
function forwardAndGradients(shape: number[], shift: number): () => tf.Tensor {
  return () => {
    const c = shape[shape.length - 1];
    const size = shape.reduce((a, b) => a * b, 1);
    // A large shift checks the variance does not cancel away (E[x^2] - mean^2 would).
    const x = tf.add(tf.tensor(values(size, 1), shape), shift);
    const w = tf.tensor(values(size, 2), shape);
    const scale = tf.add(tf.tensor1d(values(c, 3)), 1.5);
    const offset = tf.tensor1d(values(c, 4));
    const { mean, variance } = batchNormTraining(x, scale as tf.Tensor1D, offset as tf.Tensor1D, 1e-3);
    const grads = tf.grads((a: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => tf.sum(tf.mul(batchNormTraining(a, s as tf.Tensor1D, o as tf.Tensor1D, 1e-3).y, w)))([x, scale, offset]);
    const y = batchNormTraining(x, scale as tf.Tensor1D, offset as tf.Tensor1D, 1e-3).y;
    return tf.concat([y, mean, variance, ...grads].map((t) => t.flatten()));
  };
}

describe('BatchNormTraining and its gradient on wasm, against tfjs’s ops on cpu', () => {
  it.each([
    { shape: [2, 3, 5, 8], shift: 0, path: 'SIMD' },
    { shape: [4, 7, 7, 16], shift: 30, path: 'SIMD' },
    { shape: [130, 64], shift: 0, path: 'SIMD, more than one block of 64 pixels' },
    { shape: [3, 4, 4, 5], shift: 2, path: 'plain loops (5 channels)' },
    { shape: [2, 2, 2, 3], shift: 0, path: 'plain loops (3 channels)' },
  ])('$shape shifted by $shift ($path)', async ({ shape, shift }) => {
    const f = forwardAndGradients(shape, shift);
    // On cpu no kernel of ours is registered: the op runs tfjs's moments and batchNorm.
    const cpu = await runOn('cpu', f);
    expect(tf.getKernel('ResnetBatchNormTraining', 'cpu')).toBeUndefined();
    const before = tf.memory().numTensors;
    const wasm = await runOn('wasm', f);
    expect(tf.memory().numTensors).toBe(before);
    expect(wasm.shape).toEqual(cpu.shape);
    expect(maxRelativeError(wasm.data, cpu.data)).toBeLessThan(1e-4);
  });
});
