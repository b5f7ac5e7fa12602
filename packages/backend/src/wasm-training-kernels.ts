import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { adamUpdateConfig } from './kernels/adam-update.js';
import { batchNormTrainingGradConfig } from './kernels/batch-norm-training-grad.js';
import { batchNormTrainingConfig } from './kernels/batch-norm-training.js';
import { castConfig } from './kernels/cast.js';
import { conv2dConfig } from './kernels/conv2d.js';
import { conv2dBackpropFilterConfig } from './kernels/conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './kernels/conv2d-backprop-input.js';
import { fusedBatchNormConfig } from './kernels/fused-batch-norm.js';
import { fusedConv2dConfig } from './kernels/fused-conv2d.js';
import { identityConfig } from './kernels/identity.js';
import { maxPoolGradConfig } from './kernels/max-pool-grad.js';
import { meanConfig } from './kernels/mean.js';
import { reluGradKernelConfig } from './kernels/relu-grad.js';
import { sumConfig } from './kernels/sum.js';
import { tileConfig } from './kernels/tile.js';
import { rememberStockKernel } from './stock-kernels.js';

/** The wasm kernels that training needs and the stock backend lacks, runs slowly or copies needlessly. */
export const wasmTrainingKernels: readonly KernelConfig[] = [
  adamUpdateConfig,
  batchNormTrainingConfig,
  batchNormTrainingGradConfig,
  castConfig,
  conv2dConfig,
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  fusedBatchNormConfig,
  fusedConv2dConfig,
  identityConfig,
  maxPoolGradConfig,
  meanConfig,
  reluGradKernelConfig,
  sumConfig,
  tileConfig,
];

/**
 * Registers `wasmTrainingKernels` for the `wasm` backend, replacing stock kernels of
 * the same name. Safe to call more than once; import '@tensorflow/tfjs-backend-wasm' first.
 */
export function registerWasmTrainingKernels(): void {
  // The wasm package registers its kernels on import and would overwrite ours afterwards.
  if (getKernel('Conv2D', 'wasm') === undefined) {
    throw new Error("registerWasmTrainingKernels: import '@tensorflow/tfjs-backend-wasm' first; its kernels are not registered");
  }
  for (const config of wasmTrainingKernels) {
    const current = getKernel(config.kernelName, 'wasm');
    if (current === config) continue;
    if (current !== undefined) {
      rememberStockKernel(config.kernelName, 'wasm');
      unregisterKernel(config.kernelName, 'wasm');
    }
    registerKernel(config);
  }
}
