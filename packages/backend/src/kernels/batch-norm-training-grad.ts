import { BatchNormTrainingGrad, type BatchNormTrainingGradAttrs, type BatchNormTrainingGradInputs } from '@resnet/ops';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { BatchNormPasses } from '../wasm-batch-norm/batch-norm-passes.js';

/**
 * BatchNorm's gradient in two passes over dy and x: the sums of dy and dy (x - mean), then
 * dx = a dy + b x + k per channel, where a = scale invstd, b = -a invstd dScale / N and
 * k = -a dOffset / N - b mean.
 */
function batchNormTrainingGrad(args: Parameters<KernelFunc>[0]): TensorInfo[] {
  const { dy, x, scale, mean, variance } = args.inputs as unknown as BatchNormTrainingGradInputs;
  const { epsilon } = args.attrs as unknown as BatchNormTrainingGradAttrs;
  const backend = args.backend as BackendWasm;
  const channels = x.shape[x.shape.length - 1];
  const pixels = x.shape.reduce((a, b) => a * b, 1) / channels;
  const dx = backend.makeOutput(x.shape, 'float32');
  const dScaleOut = backend.makeOutput([channels], 'float32');
  const dOffsetOut = backend.makeOutput([channels], 'float32');
  const passes = new BatchNormPasses(backend, pixels, channels);
  try {
    const m = Float32Array.from(backend.typedArrayFromHeap(mean));
    const v = backend.typedArrayFromHeap(variance);
    const s = backend.typedArrayFromHeap(scale);
    const sums = passes.gradientSums(dy, x, m);
    const invStd = Float64Array.from(v, (value) => 1 / Math.sqrt(value + epsilon));
    const dScale = Float32Array.from(sums.second, (sum, c) => sum * invStd[c]);
    const dOffset = Float32Array.from(sums.first);
    const a = Float32Array.from(invStd, (is, c) => s[c] * is);
    const b = Float32Array.from(invStd, (is, c) => (-s[c] * is * is * sums.second[c] * is) / pixels);
    const k = Float32Array.from(a, (ac, c) => (-ac * sums.first[c]) / pixels - b[c] * m[c]);
    passes.affine(dx, dy, x, a, b, k);
    backend.typedArrayFromHeap(dScaleOut).set(dScale);
    backend.typedArrayFromHeap(dOffsetOut).set(dOffset);
  } finally {
    passes.release();
  }
  return [dx, dScaleOut, dOffsetOut];
}

export const batchNormTrainingGradConfig: KernelConfig = {
  kernelName: BatchNormTrainingGrad,
  backendName: 'wasm',
  kernelFunc: batchNormTrainingGrad as KernelFunc,
};
