import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { rememberStockKernel } from '../stock-kernels.js';
import { conv2dBackpropFilterConfig } from './kernels/conv2d-backprop-filter.js';

/** Our webgpu kernels for training, in place of tfjs-backend-webgpu's where those are slow. */
export const webGpuTrainingKernels: readonly KernelConfig[] = [conv2dBackpropFilterConfig];

/** Registers `webGpuTrainingKernels` for the `webgpu` backend. Safe to call more than once. */
export function registerWebGpuTrainingKernels(): void {
  for (const config of webGpuTrainingKernels) {
    const current = getKernel(config.kernelName, 'webgpu');
    if (current === config) continue;
    if (current !== undefined) {
      rememberStockKernel(config.kernelName, 'webgpu');
      unregisterKernel(config.kernelName, 'webgpu');
    }
    registerKernel(config);
  }
}
