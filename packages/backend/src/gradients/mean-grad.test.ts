import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTrainingGradients } from '../training-gradients.js';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { setUpWasm } from '../test-utils/wasm-vs-cpu.js';
import { meanGradConfig } from './mean-grad.js';

/** d/dx of sum(mean(x, axis) * w): w broadcast over the reduced axes, divided by their size. */
function expectedGradient(shape: number[], axis: number[], w: Float32Array): Float32Array {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const keptShape = shape.map((d, i) => (axis.includes(i) ? 1 : d));
  const keptStrides = keptShape.map((_, i) => keptShape.slice(i + 1).reduce((a, b) => a * b, 1));
  const count = axis.reduce((p, a) => p * shape[a], 1);
  const size = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: size }, (_, flat) => {
    let kept = 0;
    shape.forEach((_, i) => {
      const index = Math.floor(flat / strides[i]) % shape[i];
      if (!axis.includes(i)) kept += index * keptStrides[i];
    });
    return w[kept] / count;
  });
}

describe.each(['cpu', 'wasm'])('Mean gradient on %s', (backend) => {
  beforeAll(async () => {
    await setUpWasm();
    useTrainingGradients(true);
    await tf.setBackend(backend);
  });

  it('is registered in place of tfjs’s', () => {
    expect(tf.getGradient('Mean')).toBe(meanGradConfig);
  });

  const shape = [3, 4, 5, 6];
  it.each([
    { axis: [0, 1, 2], keepDims: false },
    { axis: [0, 1, 2], keepDims: true },
    { axis: [3], keepDims: false },
    { axis: [1, 3], keepDims: true },
    { axis: [0, 1, 2, 3], keepDims: false },
  ])('is w / n broadcast over axes $axis (keepDims $keepDims)', async ({ axis, keepDims }) => {
    const before = tf.memory().numTensors;
    const x = tf.tensor(values(3 * 4 * 5 * 6, 1), shape);
    const keptSize = shape.reduce((p, d, i) => (axis.includes(i) ? p : p * d), 1);
    const wValues = values(keptSize, 2);
    const meanShape = keepDims ? shape.map((d, i) => (axis.includes(i) ? 1 : d)) : shape.filter((_, i) => !axis.includes(i));
    const w = tf.tensor(wValues, meanShape);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.mean(t, axis, keepDims), w)))(x);
    expect(dx.shape).toEqual(shape);
    expect(maxRelativeError(await dx.data(), expectedGradient(shape, axis, wValues))).toBeLessThan(1e-6);
    tf.dispose([x, w, dx]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
