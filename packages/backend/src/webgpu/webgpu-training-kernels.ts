import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { rememberStockKernel } from '../stock-kernels.js';
import { adamUpdateConfig } from './kernels/adam-update.js';
import { addNConfig } from './kernels/add-n.js';
import { batchNormMovingAveragesConfig } from './kernels/batch-norm-moving-averages.js';
import { batchNormTrainingGradConfig } from './kernels/batch-norm-training-grad.js';
import { batchNormTrainingConfig } from './kernels/batch-norm-training.js';
import { conv2dBackpropFilterConfig } from './kernels/conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './kernels/conv2d-backprop-input.js';
import { reluGradKernelConfig } from './kernels/relu-grad.js';
import { sumConfig } from './kernels/sum.js';

/**
 * Our webgpu kernels for training: in place of tfjs-backend-webgpu's where those are slow, and
 * @resnet/ops's fused kernels, which it lacks.
 */
export const webGpuTrainingKernels: readonly KernelConfig[] = [
  adamUpdateConfig,
  addNConfig,
  batchNormMovingAveragesConfig,
  batchNormTrainingConfig,
  batchNormTrainingGradConfig,
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  reluGradKernelConfig,
  sumConfig,
];

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
