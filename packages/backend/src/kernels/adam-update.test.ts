import { adamUpdate, AdamUpdate } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADAM, adamGradient, adamStart, expectAdamStepsOnCpu } from '../test-utils/adam-steps.js';
import { setUpWasm } from '../test-utils/wasm-vs-cpu.js';
import { adamUpdateConfig } from './adam-update.js';

describe('ResnetAdamUpdate on wasm', () => {
  beforeAll(setUpWasm);

  it('is the registered wasm kernel', () => {
    expect(tf.getKernel(AdamUpdate, 'wasm')).toBe(adamUpdateConfig);
  });

  // Vectors and a tail, vectors only, a tail only.
  it.each([{ shape: [37] }, { shape: [3, 3, 4, 8] }, { shape: [3] }])('takes the steps of tf.train.adam on cpu: $shape', async ({ shape }) => {
    await expectAdamStepsOnCpu('wasm', shape, 1e-5);
  });

  it('rejects a gradient of another shape, naming it', async () => {
    await tf.setBackend('wasm');
    const [x, m, v] = [adamStart([4]), tf.zeros([4]), tf.zeros([4])];
    expect(() => adamUpdate(x, m, v, adamGradient([5], 1), { ...ADAM, step: 1 })).toThrow(
      /ResnetAdamUpdate: expected gradient float32 \[4\] \(x's shape\), got float32 \[5\]/,
    );
    tf.dispose([x, m, v]);
  });

  it('leaves no tensor and no buffer behind', async () => {
    await tf.setBackend('wasm');
    const [x, m, v, g] = [adamStart([37]), tf.zeros([37]), tf.zeros([37]), adamGradient([37], 1)];
    const [tensors, buffers] = [tf.memory().numTensors, tf.backend().numDataIds()];
    const next = adamUpdate(x, m, v, g, { ...ADAM, step: 1 });
    await next.x.data();
    tf.dispose([next.x, next.m, next.v]);
    expect([tf.memory().numTensors, tf.backend().numDataIds()]).toEqual([tensors, buffers]);
    tf.dispose([x, m, v, g]);
  });
});
