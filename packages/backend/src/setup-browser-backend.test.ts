import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { setupBrowserBackend } from './setup-browser-backend.js';
import { wasmTrainingKernels } from './wasm-training-kernels.js';

afterEach(async () => {
  await tf.setBackend('cpu');
});

// Node has no navigator.gpu and no OffscreenCanvas: the real probes report that, as a
// browser without them would.
describe('setupBrowserBackend, in Node (no GPU, no OffscreenCanvas)', () => {
  it('starts cpu when asked', async () => {
    expect(await setupBrowserBackend('cpu')).toEqual({ backend: 'cpu', skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('a named choice that cannot start is an error that says why', async () => {
    await expect(setupBrowserBackend('webgpu')).rejects.toThrow(
      "backend 'webgpu' is unavailable: navigator.gpu is missing (WebGPU is off in this browser)",
    );
    await expect(setupBrowserBackend('webgl')).rejects.toThrow(
      "backend 'webgl' is unavailable: OffscreenCanvas is missing (needed in workers)",
    );
  });

  it('rejects an unknown choice, naming the valid ones', async () => {
    await expect(setupBrowserBackend('gpu' as never)).rejects.toThrow(
      "backend: expected one of auto, webgpu, webgl, wasm, cpu, got 'gpu'",
    );
  });

  it('auto skips webgpu and webgl and takes the real wasm backend with the training kernels', async () => {
    expect(await setupBrowserBackend('auto')).toEqual({
      backend: 'wasm',
      // Not in a browser worker: our GEMM cannot block for its workers, so one thread.
      threads: 1,
      skipped: [
        { name: 'webgpu', reason: expect.stringMatching(/^navigator\.gpu is missing/) },
        { name: 'webgl', reason: expect.stringMatching(/^OffscreenCanvas is missing/) },
      ],
    });
    expect(tf.getBackend()).toBe('wasm');
    for (const config of wasmTrainingKernels) expect(tf.getKernel(config.kernelName, 'wasm')).toBe(config);
  });
});
