import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReluGrad } from '../gradients/relu-grad.js';
import { values } from '../test-utils/compare.js';
import { setUpWasm } from '../test-utils/wasm-vs-cpu.js';
import { useTrainingGradients } from '../training-gradients.js';
import { reluGradKernelConfig } from './relu-grad.js';

/** x with exact zeros, NaNs and infinities among its values (step 0, NaN and 1); dy with zeros, NaN and infinities too. */
function inputs(size: number): { x: Float32Array; dy: Float32Array } {
  const special = [Number.NaN, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0];
  const x = values(size, 1).map((v, i) => (i % 2 === 0 ? special[(i / 2) % special.length] : v));
  const dy = values(size, 2).map((v, i) => (i % 5 === 0 ? special[(i / 5) % special.length] : v));
  return { x, dy };
}

/** The Relu gradient of sum(relu(x) * dy) with respect to x, on `backend`. */
async function reluGradient(backend: string, shape: number[]): Promise<Float32Array> {
  await tf.setBackend(backend);
  const { x, dy } = inputs(shape.reduce((a, b) => a * b, 1));
  const [dx] = tf.tidy(() => tf.grads((a: tf.Tensor) => tf.sum(tf.mul(tf.relu(a), tf.tensor(dy, shape))))([tf.tensor(x, shape)]));
  const data = Float32Array.from(await dx.data());
  dx.dispose();
  return data;
}

describe('ResnetReluGrad on wasm', () => {
  beforeAll(async () => {
    await setUpWasm();
    useTrainingGradients(true);
  });
  afterAll(() => useTrainingGradients(false));

  it('is the registered wasm kernel', () => {
    expect(tf.getKernel(ReluGrad, 'wasm')).toBe(reluGradKernelConfig);
  });

  // Whole vectors only, vectors and a tail, a tail only, nothing.
  it.each([{ shape: [2, 4, 4, 8] }, { shape: [3, 7] }, { shape: [3] }, { shape: [0, 4] }])('gives tfjs’s gradient bit for bit, NaN and infinities included: $shape', async ({ shape }) => {
    useTrainingGradients(false);
    const reference = await reluGradient('cpu', shape);
    useTrainingGradients(true);
    const ours = await reluGradient('wasm', shape);
    expect(Array.from(ours)).toEqual(Array.from(reference));
    if (shape.includes(0)) return;
    // The cases meant something: some gradient passed, some was stopped, some is NaN.
    expect(ours.some((v) => v !== 0 && Number.isFinite(v))).toBe(true);
    expect(ours.some((v) => v === 0)).toBe(true);
    expect(ours.some(Number.isNaN)).toBe(true);
  });

  it('rejects x of another shape or dtype, naming both', async () => {
    await tf.setBackend('wasm');
    const run = (dy: tf.Tensor, x: tf.Tensor) => () => tf.tidy(() => tf.engine().runKernel(ReluGrad, { dy, x }));
    expect(run(tf.zeros([2, 3]), tf.zeros([3, 2]))).toThrow(/ResnetReluGrad: expected float32 dy and x of one shape, got dy float32 \[2,3\], x float32 \[3,2\]/);
    expect(run(tf.zeros([2]), tf.zeros([2], 'int32'))).toThrow(/x int32 \[2\]/);
  });

  it('leaves no tensor and no buffer behind', async () => {
    await tf.setBackend('wasm');
    const [x, dy] = [tf.tensor(values(40, 1)), tf.tensor(values(40, 2))];
    const [tensors, buffers] = [tf.memory().numTensors, tf.backend().numDataIds()];
    tf.tidy(() => (tf.engine().runKernel(ReluGrad, { dy, x }) as tf.Tensor).dataSync());
    expect([tf.memory().numTensors, tf.backend().numDataIds()]).toEqual([tensors, buffers]);
    tf.dispose([x, dy]);
  });
});
