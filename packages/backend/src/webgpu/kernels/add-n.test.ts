import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../../test-utils/compare.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu, webGpuAndCpu } from '../../test-utils/webgpu-vs-cpu.js';

describe('AddN on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it.each([3, 11, 22, 40])('adds %i tensors, past the storage buffers one shader may bind, as cpu does', async (count) => {
    const limit = (tf.backend() as unknown as { device: GPUDevice }).device.limits.maxStorageBuffersPerShaderStage;
    expect(limit).toBeLessThan(22);
    const { webgpu, cpu } = await webGpuAndCpu(() => tf.addN(Array.from({ length: count }, (_, i) => tf.tensor(values(6, i), [2, 3]))));
    expect(maxRelativeError(webgpu.data, cpu.data)).toBeLessThan(1e-5);
  });

  it('leaves no tensor behind', async () => {
    await tf.setBackend('webgpu');
    const inputs = Array.from({ length: 30 }, (_, i) => tf.tensor(values(4, i)));
    const before = liveTensors();
    const sum = tf.addN(inputs);
    await sum.data();
    sum.dispose();
    expect(liveTensors()).toEqual(before);
    tf.dispose(inputs);
  });
});
