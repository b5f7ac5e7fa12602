import { adamUpdate, AdamUpdate } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAM, adamGradient, adamStart, expectAdamStepsOnCpu } from '../../test-utils/adam-steps.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../../test-utils/webgpu-vs-cpu.js';
import { adamUpdateConfig } from './adam-update.js';

describe('ResnetAdamUpdate on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('is the registered webgpu kernel', () => {
    expect(tf.getKernel(AdamUpdate, 'webgpu')).toBe(adamUpdateConfig);
  });

  // A size that is not a multiple of 4 (scalar reads) and one that is (vec4 reads).
  it.each([{ shape: [37] }, { shape: [3, 3, 4, 8] }])('takes the steps of tf.train.adam on cpu: $shape', async ({ shape }) => {
    await expectAdamStepsOnCpu('webgpu', shape, 1e-4);
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('webgpu');
    const [x, m, v, g] = [adamStart([37]), tf.zeros([37]), tf.zeros([37]), adamGradient([37], 1)];
    const before = liveTensors();
    const next = adamUpdate(x, m, v, g, { ...ADAM, step: 1 });
    await next.x.data();
    tf.dispose([next.x, next.m, next.v]);
    expect(liveTensors()).toEqual(before);
    tf.dispose([x, m, v, g]);
  });
});
