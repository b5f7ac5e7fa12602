import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { releaseDuringBackprop } from './release-during-backprop.js';

/** A small conv net's loss; `release` calls releaseDuringBackprop at its end. */
function gradsOf(variables: tf.Variable[], release: boolean) {
  const [filter, scale] = variables;
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 8 * 8 * 3 }, (_, i) => Math.sin(i)), [2, 8, 8, 3]);
  const result = tf.variableGrads(() => {
    const h = tf.relu(tf.conv2d(x, filter as tf.Tensor4D, 1, 'same'));
    const y = tf.mul(tf.add(h, tf.sigmoid(h)), scale);
    const loss = tf.mean(tf.square(tf.sub(y, tf.mean(y)))) as tf.Scalar;
    if (release) releaseDuringBackprop();
    return loss;
  }, variables);
  x.dispose();
  return result;
}

describe('releaseDuringBackprop', () => {
  const variables = [tf.variable(tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 1)), tf.variable(tf.scalar(1.5))];

  it('leaves gradients and loss unchanged', async () => {
    const plain = gradsOf(variables, false);
    const lean = gradsOf(variables, true);
    expect(await lean.value.data()).toEqual(await plain.value.data());
    for (const v of variables) expect(await lean.grads[v.name].data()).toEqual(await plain.grads[v.name].data());
    tf.dispose([plain.value, lean.value, ...Object.values(plain.grads), ...Object.values(lean.grads)]);
  });

  it('lowers the peak of memory during backprop and leaks nothing', async () => {
    const peak = async (release: boolean) => {
      const before = tf.memory().numTensors;
      const info = await tf.profile(() => {
        const { value, grads } = gradsOf(variables, release);
        tf.dispose([value, ...Object.values(grads)]);
      });
      expect(tf.memory().numTensors).toBe(before);
      return info.peakBytes;
    };
    expect(await peak(true)).toBeLessThan(await peak(false));
  });
});
