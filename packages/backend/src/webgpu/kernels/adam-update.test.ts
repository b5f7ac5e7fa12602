import { adamUpdate, AdamUpdate } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, runManyOn, values } from '../../test-utils/compare.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../../test-utils/webgpu-vs-cpu.js';
import { adamUpdateConfig } from './adam-update.js';

const [LR, BETA1, BETA2, EPSILON] = [0.01, 0.8, 0.95, 1e-6];
const STEPS = 4;
const start = (shape: number[]) => tf.tensor(values(shape.reduce((a, b) => a * b), 1), shape);
const gradient = (shape: number[], step: number) => tf.tensor(values(shape.reduce((a, b) => a * b), 10 + step), shape);

/** x, m and v after STEPS steps of our op: our kernel on webgpu, tfjs's ops on cpu. */
function ourSteps(shape: number[]): tf.Tensor[] {
  let state = { x: start(shape), m: tf.zeros(shape), v: tf.zeros(shape) };
  for (let step = 1; step <= STEPS; step++) {
    state = adamUpdate(state.x, state.m, state.v, gradient(shape, step), { lr: LR, beta1: BETA1, beta2: BETA2, epsilon: EPSILON, step });
  }
  return [state.x, state.m, state.v];
}

describe('ResnetAdamUpdate on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('is the registered webgpu kernel', () => {
    expect(tf.getKernel(AdamUpdate, 'webgpu')).toBe(adamUpdateConfig);
  });

  // A size that is not a multiple of 4 (scalar reads) and one that is (vec4 reads).
  it.each([{ shape: [37] }, { shape: [3, 3, 4, 8] }])('takes the steps of tf.train.adam on cpu: $shape', async ({ shape }) => {
    const [adamX] = await runManyOn('cpu', () => {
      const variable = tf.variable(start(shape));
      const adam = tf.train.adam(LR, BETA1, BETA2, EPSILON);
      for (let step = 1; step <= STEPS; step++) adam.applyGradients([{ name: variable.name, tensor: gradient(shape, step) }]);
      const x = variable.clone();
      adam.dispose();
      variable.dispose();
      return [x];
    });
    const [, cpuM, cpuV] = await runManyOn('cpu', () => ourSteps(shape));
    const [x, m, v] = await runManyOn('webgpu', () => ourSteps(shape));
    expect(maxRelativeError(x, adamX)).toBeLessThan(1e-4);
    expect(maxRelativeError(m, cpuM)).toBeLessThan(1e-4);
    expect(maxRelativeError(v, cpuV)).toBeLessThan(1e-4);
    // The steps moved x.
    expect(maxRelativeError(x, values(x.length, 1))).toBeGreaterThan(1e-3);
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('webgpu');
    const [x, m, v, g] = [start([37]), tf.zeros([37]), tf.zeros([37]), gradient([37], 1)];
    const before = liveTensors();
    const next = adamUpdate(x, m, v, g, { lr: LR, beta1: BETA1, beta2: BETA2, epsilon: EPSILON, step: 1 });
    await next.x.data();
    tf.dispose([next.x, next.m, next.v]);
    expect(liveTensors()).toEqual(before);
    tf.dispose([x, m, v, g]);
  });
});
