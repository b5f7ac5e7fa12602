import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';
import { setupNodeBackend } from '../node/setup-node-backend.js';
import { useSwiftShader } from '../test-utils/swiftshader.js';
import { wasmTrainingKernels } from '../wasm-training-kernels.js';
import { webGpuTrainingKernels } from '../webgpu/webgpu-training-kernels.js';

export type SuiteBackend = 'wasm' | 'webgpu';
/** Our kernels and gradients, or tfjs's own in their place. */
export type SuiteKernels = 'ours' | 'stock';

/** tfjs-core's description of a backend to run its specs on (jasmine_util's TestEnv). */
export interface TestEnv {
  name: string;
  backendName: string;
  /** Whether specs may read tensors synchronously (SYNC_BACKEND_ENVS). */
  isDataSync: boolean;
}

export function ourKernels(backend: SuiteBackend): readonly KernelConfig[] {
  return backend === 'wasm' ? wasmTrainingKernels : webGpuTrainingKernels;
}

/**
 * Starts `backend` as `setupNodeBackend` does (wasm on one thread; webgpu through Dawn on
 * SwiftShader), then, for `stock`, puts tfjs's kernels and gradients back in place of ours.
 * Returns the test env for tfjs-core's specs, named after the backend in both cases so that
 * spec names match between runs.
 */
export async function startSuiteBackend(backend: SuiteBackend, kernels: SuiteKernels): Promise<TestEnv> {
  const ours = ourKernels(backend);
  // Registered when the backend packages load, which importing setupNodeBackend did.
  const stock = ours.map(({ kernelName }) => tf.getKernel(kernelName, backend) as KernelConfig | undefined);
  if (backend === 'webgpu') useSwiftShader();
  // One wasm thread: tfjs's suites reset the engine, which restarts wasm without our thread set-up.
  await setupNodeBackend(backend, { threads: 1, trainingGradients: kernels === 'ours' });
  if (kernels === 'stock') {
    for (const [i, { kernelName }] of ours.entries()) {
      tf.unregisterKernel(kernelName, backend);
      const original = stock[i];
      if (original !== undefined) tf.registerKernel(original);
    }
  }
  // Node has no OffscreenCanvas, which reading webgpu tensors synchronously needs.
  return { name: backend, backendName: backend, isDataSync: backend === 'wasm' };
}
