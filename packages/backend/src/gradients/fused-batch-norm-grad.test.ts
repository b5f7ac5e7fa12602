import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTrainingGradients } from '../training-gradients.js';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { setUpWasm } from '../test-utils/wasm-vs-cpu.js';
import { fusedBatchNormGradConfig } from './fused-batch-norm-grad.js';

// tfjs's own gradient, taken before ours replaces it, is the reference.
const stock = tf.getGradient('FusedBatchNorm');

type Inputs = [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];

/** Gradients of sum(batchNorm(...) * w) for x, mean, variance, offset, scale, and for x through its moments (BatchNorm in training). */
function gradients(meanShape: number[]): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor(values(3 * 4 * 5 * 6, 1), [3, 4, 5, 6]);
    const w = tf.tensor(values(3 * 4 * 5 * 6, 2), [3, 4, 5, 6]);
    const c = meanShape.reduce((a, b) => a * b, 1);
    const mean = tf.tensor(values(c, 3), meanShape).mul(0.2);
    const variance = tf.tensor(values(c, 4), meanShape).abs().add(0.3);
    const offset = tf.tensor(values(c, 5), meanShape);
    const scale = tf.tensor(values(c, 6), meanShape).add(1.5);
    const norm = ([a, m, v, o, s]: Inputs) => tf.sum(tf.mul(tf.batchNorm(a as tf.Tensor4D, m, v, o, s, 1e-3), w));
    const direct = tf.grads((...inputs: tf.Tensor[]) => norm(inputs as Inputs))([x, mean, variance, offset, scale]);
    // BatchNorm in training: mean and variance are x's own moments, as in tfjs-layers.
    const training = tf.grad((a: tf.Tensor) => {
      const moments = tf.moments(a, [0, 1, 2]);
      return norm([a, moments.mean.reshape(meanShape), moments.variance.reshape(meanShape), offset, scale]);
    })(x);
    return [...direct, training].map((g) => g.dataSync() as Float32Array);
  });
}

describe.each(['cpu', 'wasm'])('FusedBatchNorm gradient on %s', (backend) => {
  beforeAll(async () => {
    await setUpWasm();
    await tf.setBackend(backend);
  });

  it('equals tfjs’s, directly and through moments', () => {
    useTrainingGradients(false);
    expect(tf.getGradient('FusedBatchNorm')).toBe(stock);
    const expected = gradients([6]);
    useTrainingGradients(true);
    expect(tf.getGradient('FusedBatchNorm')).toBe(fusedBatchNormGradConfig);
    const before = tf.memory().numTensors;
    const actual = gradients([6]);
    expect(tf.memory().numTensors).toBe(before);
    expect(actual.map((g) => g.length)).toEqual(expected.map((g) => g.length));
    expect(actual.map((g) => g.length)).toEqual([360, 6, 6, 6, 6, 360]);
    actual.forEach((g, i) => expect(maxRelativeError(g, expected[i])).toBeLessThan(1e-5));
  });

  it('gives statistics of shape [1, 1, 1, C] the same gradients (tfjs’s own fails on them)', () => {
    useTrainingGradients(true);
    const broadcast = gradients([1, 1, 1, 6]);
    gradients([6]).forEach((g, i) => expect(maxRelativeError(broadcast[i], g)).toBeLessThan(1e-6));
  });
});
