import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adamUpdate } from './adam-update.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('adamUpdate without a kernel of ours (tfjs ops)', () => {
  it('takes the same three steps as tfjs’s AdamOptimizer', async () => {
    const [lr, beta1, beta2, epsilon] = [0.01, 0.8, 0.95, 1e-6];
    const start = [0.5, -1, 2];
    const gradients = [[0.1, -0.2, 0.3], [-0.5, 0.4, 0.0], [1, 1, -1]];
    const variable = tf.variable(tf.tensor1d(start));
    const adam = tf.train.adam(lr, beta1, beta2, epsilon);
    let x: tf.Tensor = tf.tensor1d(start);
    let m: tf.Tensor = tf.zeros([3]);
    let v: tf.Tensor = tf.zeros([3]);
    for (const [i, g] of gradients.entries()) {
      adam.applyGradients([{ name: variable.name, tensor: tf.tensor1d(g) }]);
      ({ x, m, v } = adamUpdate(x, m, v, tf.tensor1d(g), { lr, beta1, beta2, epsilon, step: i + 1 }));
    }
    const [ours, theirs] = [await x.data(), await variable.data()];
    Array.from(ours).forEach((value, i) => expect(value).toBeCloseTo(theirs[i], 6));
    expect(Array.from(theirs)).not.toEqual(start);
  });
});
