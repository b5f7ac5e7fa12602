import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportModule } from './native-backend.js';
import { setupNodeBackend } from './setup-node-backend.js';

const notInstalled = (specifier: string): Error =>
  Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });

/** Stands in for a native package: importing it fails with `error`, or registers `tensorflow`. */
function mockedNative(outcomes: Record<string, Error | { gpu: boolean }>): ImportModule {
  return async (specifier) => {
    const outcome = outcomes[specifier] ?? notInstalled(specifier);
    if (outcome instanceof Error) throw outcome;
    const cpuFactory = tf.findBackendFactory('cpu');
    tf.registerBackend('tensorflow', () => Object.assign(cpuFactory() as tf.KernelBackend, { isUsingGpuDevice: outcome.gpu }));
    return {};
  };
}

afterEach(async () => {
  if (tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
  await tf.setBackend('cpu');
});

describe('setupNodeBackend, native packages MOCKED (no libtensorflow here)', () => {
  it('auto takes MOCKED tfjs-node-gpu when TensorFlow sees a GPU', async () => {
    const selection = await setupNodeBackend('auto', {
      importModule: mockedNative({ '@tensorflow/tfjs-node-gpu': { gpu: true } }),
    });
    expect(selection).toEqual({ backend: 'tensorflow', skipped: [] });
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('auto keeps MOCKED tfjs-node-gpu on the CPU, without loading tfjs-node, when there is no GPU', async () => {
    const imported: string[] = [];
    const load = mockedNative({ '@tensorflow/tfjs-node-gpu': { gpu: false } });
    const selection = await setupNodeBackend('auto', {
      importModule: (specifier) => (imported.push(specifier), load(specifier)),
    });
    expect(selection.backend).toBe('tensorflow');
    expect(selection.skipped).toEqual([{ name: 'tensorflow-gpu', reason: expect.stringMatching(/found no GPU/) }]);
    expect(imported).toEqual(['@tensorflow/tfjs-node-gpu']);
  });

  it('auto skips MOCKED tfjs-node-gpu missing CUDA and takes MOCKED tfjs-node, logging each step', async () => {
    const lines: string[] = [];
    const selection = await setupNodeBackend('auto', {
      log: (line) => lines.push(line),
      importModule: mockedNative({
        '@tensorflow/tfjs-node-gpu': new Error('libcudart.so.11.0: cannot open shared object file'),
        '@tensorflow/tfjs-node': { gpu: false },
      }),
    });
    expect(selection).toEqual({
      backend: 'tensorflow',
      skipped: [{ name: 'tensorflow-gpu', reason: expect.stringMatching(/^CUDA library missing: libcudart\.so\.11\.0/) }],
    });
    expect(lines).toEqual([expect.stringMatching(/^backend: skipped tensorflow-gpu: CUDA/), 'backend: tensorflow']);
  });

  it('a named native choice that fails (MOCKED binding missing) is an error with the reason', async () => {
    const importModule = mockedNative({
      '@tensorflow/tfjs-node': new Error('The Node.js native addon module (tfjs_binding.node) can not be found'),
    });
    await expect(setupNodeBackend('tensorflow', { importModule })).rejects.toThrow(
      /^backend 'tensorflow' is unavailable: native binding missing/,
    );
  });

  it('a named tensorflow-gpu without a GPU (MOCKED) is an error', async () => {
    const importModule = mockedNative({ '@tensorflow/tfjs-node-gpu': { gpu: false } });
    await expect(setupNodeBackend('tensorflow-gpu', { importModule })).rejects.toThrow(/found no GPU/);
  });

  it('rejects an unknown choice, naming the valid ones', async () => {
    await expect(setupNodeBackend('gpu' as never)).rejects.toThrow(
      "backend: expected one of auto, tensorflow-gpu, tensorflow, webgpu, wasm, cpu, got 'gpu'",
    );
  });

  // No test in this file starts wasm; setup-node-backend-wasm.test.ts does, isolated from this one.
  it('rejects a bad thread count before touching wasm', async () => {
    await expect(setupNodeBackend('wasm', { threads: 0 })).rejects.toThrow(/threads: expected an integer from 1 to 8, got 0/);
    expect('wasm' in tf.engine().registry).toBe(false);
  });

  it('starts cpu when asked', async () => {
    expect(await setupNodeBackend('cpu')).toEqual({ backend: 'cpu', skipped: [] });
  });
});
