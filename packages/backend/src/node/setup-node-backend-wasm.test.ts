import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { useSwiftShader } from '../test-utils/swiftshader.js';
import { gemmWasm } from '../wasm-gemm/gemm-wasm.js';
import { heapModule } from '../wasm-heap.js';
import { wasmTrainingKernels } from '../wasm-training-kernels.js';
import { setupNodeBackend } from './setup-node-backend.js';

/** The real `webgpu` package; tfjs-node and tfjs-node-gpu MOCKED as not installed (libtensorflow cannot be downloaded here). */
const importModule = (specifier: string) =>
  specifier === 'webgpu'
    ? import(specifier)
    : Promise.reject(Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' }));

// The wasm module starts once per process: this file holds the test that starts it.
describe('setupNodeBackend on the real wasm backend', () => {
  it('auto skips the native packages (MOCKED absent) and the software GPU, and takes wasm on 2 threads with the training kernels', async () => {
    useSwiftShader();
    const selection = await setupNodeBackend('auto', { threads: 2, importModule });
    expect(selection).toEqual({
      backend: 'wasm',
      threads: 2,
      skipped: [
        { name: 'tensorflow-gpu', reason: expect.stringMatching(/^not installed/) },
        { name: 'tensorflow', reason: expect.stringMatching(/^not installed/) },
        { name: 'webgpu', reason: expect.stringMatching(/^only a software adapter \(google swiftshader .*software\): far slower than wasm/) },
      ],
    });
    expect(tf.getBackend()).toBe('wasm');
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeUndefined();
    for (const config of wasmTrainingKernels) expect(tf.getKernel(config.kernelName, 'wasm')).toBe(config);
    // Relaxed SIMD, behind a flag in Node 20, which the setup sets: our GEMM fuses its multiply-adds.
    expect(heapModule(tf.backend() as BackendWasm, gemmWasm).fused).toBe(true);
    await expect(setupNodeBackend('wasm')).rejects.toThrow(/already initialized \(with 2 threads\)/);
  });
});
