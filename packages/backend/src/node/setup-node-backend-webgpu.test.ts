import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useSwiftShader } from '../test-utils/swiftshader.js';
import { webGpuTrainingKernels } from '../webgpu/webgpu-training-kernels.js';
import { releaseNodeBackend, setupNodeBackend } from './setup-node-backend.js';

describe('setupNodeBackend: webgpu through Dawn on SwiftShader (the CPU Vulkan driver; no GPU here)', () => {
  it('starts when named, reports the software adapter, computes like cpu, and is released', async () => {
    useSwiftShader();
    const lines: string[] = [];
    const selection = await setupNodeBackend('webgpu', { log: (line) => lines.push(line) });
    expect(selection).toEqual({
      backend: 'webgpu',
      skipped: [],
      adapter: { vendor: 'google', architecture: 'swiftshader', device: expect.any(String), description: expect.any(String), software: true },
    });
    expect(lines).toEqual([expect.stringMatching(/^backend: webgpu \(google swiftshader .*, software\)$/)]);
    for (const config of webGpuTrainingKernels) expect(tf.getKernel(config.kernelName, 'webgpu')).toBe(config);

    // Tensors made on each backend: moving data off webgpu synchronously needs OffscreenCanvas, which Node lacks.
    const conv = () => tf.tidy(() => tf.conv2d(tf.tensor4d([1, -2, 3, 4, 5, -6, 7, 8, 9], [1, 3, 3, 1]), tf.tensor4d([1, 0, -1, 2], [2, 2, 1, 1]), 1, 'same'));
    const onGpu = await conv().data();
    await tf.setBackend('cpu');
    expect(Array.from(onGpu)).toEqual(Array.from(await conv().data()));

    // Switching back keeps the running device and reports its adapter again.
    expect((await setupNodeBackend('webgpu')).adapter?.architecture).toBe('swiftshader');
    await tf.setBackend('cpu');
    releaseNodeBackend();
    expect(tf.engine().registry.webgpu).toBeUndefined();
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeUndefined();
  });

  it('times kernels for tf.profile to the nanosecond, not in the 65,536 ns steps Dawn gives web pages', async () => {
    useSwiftShader();
    await setupNodeBackend('webgpu');
    // Large enough that webgpu does not hand it to the CPU.
    const x = tf.ones([4096]);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const profile = await tf.profile(() => tf.dispose(tf.mul(x, 2)));
      const ms = await profile.kernels[0]!.kernelTimeMs;
      times.push(typeof ms === 'number' ? Math.round(ms * 1e6) : Number.NaN);
    }
    expect(times.every((ns) => ns > 0), `kernel times in ns: ${times.join(', ')}`).toBe(true);
    expect(times.filter((ns) => ns % 65536 !== 0).length).toBeGreaterThan(0);
    x.dispose();
    await tf.setBackend('cpu');
    releaseNodeBackend();
  });

  it('starts again after tf.engine().reset() disposed it (an adapter makes one device; tfjs-core test suites reset between suites)', async () => {
    useSwiftShader();
    await setupNodeBackend('webgpu');
    tf.engine().reset();
    expect(await tf.setBackend('webgpu')).toBe(true);
    expect(Array.from(await tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4]))).data())).toEqual([4, 6]);
    await tf.setBackend('cpu');
    releaseNodeBackend();
  });
});
