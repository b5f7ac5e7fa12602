import { adamUpdate } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../test-utils/webgpu-vs-cpu.js';
import { runMultiOutputProgram } from './multi-output-program.js';
import { elementwiseProgram } from './programs/elementwise.js';

const twiceAndSquare = () =>
  elementwiseProgram({
    name: 'testTwiceAndSquare',
    variableNames: ['x', 'square'],
    outputShape: [5],
    component: 1,
    body: 'result[index] = 2.0 * x[index]; square[index] = x[index] * x[index];',
  });

describe('runMultiOutputProgram on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('writes every output in one dispatch and gives the device back', async () => {
    const backend = tf.backend() as WebGPUBackend;
    const device = backend.device;
    const x = tf.tensor1d([1, -2, 3, 0.5, 4]);
    const [twice, square] = runMultiOutputProgram(backend, twiceAndSquare(), [x], [[5]]).map((t) => tf.engine().makeTensorFromTensorInfo(t));
    expect(Array.from(await twice.data())).toEqual([2, -4, 6, 1, 8]);
    expect(Array.from(await square.data())).toEqual([1, 4, 9, 0.25, 16]);
    expect(backend.device).toBe(device);
    tf.dispose([x, twice, square]);
  });

  it('rejects a program whose names do not cover the extra outputs, leaving nothing behind', () => {
    const backend = tf.backend() as WebGPUBackend;
    const x = tf.tensor1d([1, 2, 3, 4, 5]);
    const before = liveTensors();
    expect(() => runMultiOutputProgram(backend, twiceAndSquare(), [x], [[5], [5]])).toThrow(/1 inputs and 2 extra outputs, but variableNames lists 2 tensors/);
    expect(liveTensors()).toEqual(before);
    x.dispose();
  });

  it("is timed by tf.profile like tfjs's own programs", async () => {
    const [x, m, v, g] = [tf.ones([64]), tf.zeros([64]), tf.zeros([64]), tf.ones([64])];
    const profile = await tf.profile(() => tf.dispose(Object.values(adamUpdate(x, m, v, g, { lr: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 1e-7, step: 1 }))));
    const kernel = profile.kernels.find((k) => k.name === 'ResnetAdamUpdate');
    expect(await kernel?.kernelTimeMs).toBeGreaterThan(0);
    tf.dispose([x, m, v, g]);
  });
});
