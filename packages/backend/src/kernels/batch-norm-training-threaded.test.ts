import { batchNormTraining } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { setupNodeBackend } from '../node/setup-node-backend.js';
import { maxRelativeError, values } from '../test-utils/compare.js';

// The threaded build keeps its heap in shared memory: our module imports it as such.
describe('BatchNormTraining on the threaded wasm build (shared heap)', () => {
  it('matches tfjs’s ops on cpu', async () => {
    const f = () =>
      tf.tidy(() => {
        const x = tf.tensor(values(2 * 6 * 6 * 12, 5), [2, 6, 6, 12]);
        const w = tf.tensor(values(2 * 6 * 6 * 12, 6), [2, 6, 6, 12]);
        const [scale, offset] = [tf.ones([12]), tf.zeros([12])] as tf.Tensor1D[];
        const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(batchNormTraining(a, scale, offset, 1e-5).y, w)))(x);
        return tf.concat([batchNormTraining(x, scale, offset, 1e-5).y.flatten(), dx.flatten()]);
      });
    await tf.setBackend('cpu');
    const expected = await f().data();
    await setupNodeBackend('wasm', { threads: 2 });
    expect(tf.getBackend()).toBe('wasm');
    expect(maxRelativeError(await f().data(), expected)).toBeLessThan(1e-4);
  });
});
