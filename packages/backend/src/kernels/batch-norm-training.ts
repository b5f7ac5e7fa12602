import { BatchNormTraining, type BatchNormTrainingAttrs, type BatchNormTrainingInputs } from '@resnet/ops';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { BatchNormPasses } from '../wasm-batch-norm/batch-norm-passes.js';

/**
 * BatchNorm in training in three passes over x, where tfjs's ops make about nine: the mean;
 * the variance about it (two passes are exact where E[x^2] - mean^2 cancels); y = x k + b.
 */
function batchNormTraining(args: Parameters<KernelFunc>[0]): TensorInfo[] {
  const { x, scale, offset } = args.inputs as unknown as BatchNormTrainingInputs;
  const { epsilon } = args.attrs as unknown as BatchNormTrainingAttrs;
  const backend = args.backend as BackendWasm;
  const channels = x.shape[x.shape.length - 1];
  const pixels = x.shape.reduce((a, b) => a * b, 1) / channels;
  const y = backend.makeOutput(x.shape, 'float32');
  const meanOut = backend.makeOutput([channels], 'float32');
  const varianceOut = backend.makeOutput([channels], 'float32');
  const passes = new BatchNormPasses(backend, pixels, channels);
  try {
    const zero = new Float32Array(channels);
    const mean = Float32Array.from(passes.sums(x, zero, false).first, (sum) => sum / pixels);
    // Deviations from the float32 mean; their own mean (about 0) corrects the variance.
    const deviations = passes.sums(x, mean, true);
    const variance = Float32Array.from(deviations.second, (sum, c) => Math.max(0, sum / pixels - (deviations.first[c] / pixels) ** 2));
    const s = backend.typedArrayFromHeap(scale);
    const o = backend.typedArrayFromHeap(offset);
    const k = Float32Array.from(variance, (v, c) => s[c] / Math.sqrt(v + epsilon));
    const b = Float32Array.from(k, (kc, c) => o[c] - mean[c] * kc);
    passes.affine(y, x, undefined, k, new Float32Array(channels), b);
    backend.typedArrayFromHeap(meanOut).set(mean);
    backend.typedArrayFromHeap(varianceOut).set(variance);
  } finally {
    passes.release();
  }
  return [y, meanOut, varianceOut];
}

export const batchNormTrainingConfig: KernelConfig = {
  kernelName: BatchNormTraining,
  backendName: 'wasm',
  kernelFunc: batchNormTraining as KernelFunc,
};
