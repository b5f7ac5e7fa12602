import { adamUpdate, AdamUpdate } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAM, adamGradient, adamStart, expectAdamStepsOnCpu } from '../../test-utils/adam-steps.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../../test-utils/webgpu-vs-cpu.js';
import { bindGroupReuseOf } from '../bind-group-reuse.js';
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

  it('reads the bias corrections from one buffer: its bind group recurs from step to step', async () => {
    await tf.setBackend('webgpu');
    const reuse = bindGroupReuseOf(tf.backend() as WebGPUBackend);
    if (reuse === undefined) throw new Error('setupNodeBackend did not set up bind group reuse');
    const [x, m, v, g] = [adamStart([3, 3, 4, 8]), tf.zeros([3, 3, 4, 8]), tf.zeros([3, 3, 4, 8]), adamGradient([3, 3, 4, 8], 1)];
    const missesOfStep = async (step: number) => {
      const before = reuse.misses;
      const next = adamUpdate(x, m, v, g, { ...ADAM, step });
      await next.x.data();
      tf.dispose([next.x, next.m, next.v]);
      return reuse.misses - before;
    };
    await missesOfStep(1);
    // Same inputs, outputs in the same pooled buffers: only the step (its corrections) changes.
    expect([await missesOfStep(2), await missesOfStep(3), await missesOfStep(4)]).toEqual([0, 0, 0]);
    tf.dispose([x, m, v, g]);
  });

  it('leaves no tensors behind but the bias corrections it keeps for the backend', async () => {
    await tf.setBackend('webgpu');
    const [x, m, v, g] = [adamStart([37]), tf.zeros([37]), tf.zeros([37]), adamGradient([37], 1)];
    const update = async (step: number) => {
      const next = adamUpdate(x, m, v, g, { ...ADAM, step });
      await next.x.data();
      tf.dispose([next.x, next.m, next.v]);
    };
    await update(1);
    const before = liveTensors();
    for (let step = 2; step < 5; step++) await update(step);
    expect(liveTensors()).toEqual(before);
    tf.dispose([x, m, v, g]);
  });
});
