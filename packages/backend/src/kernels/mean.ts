import { Mean, type KernelConfig, type KernelFunc, type MeanAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { stockKernel } from '../stock-kernels.js';
import { WasmCalls } from '../wasm-calls.js';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allAxes, leadingAxes, scaledLeadingMean, scaledTotal } from '../kernel-utils/leading-axes-reduce.js';

/**
 * Means over the leading axes (BatchNorm's batch statistics: N,H,W of NHWC) as a global average
 * pool; over all axes (the loss's mean) in float64.
 */
function mean(args: Parameters<KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const { x } = args.inputs as { x: TensorInfo };
  const { axis, keepDims } = args.attrs as unknown as MeanAttrs;
  if (x.dtype === 'float32' && allAxes(axis, x.shape)) return scaledTotal(args.backend as BackendWasm, x, keepDims, (n) => 1 / n);
  const axes = x.dtype === 'float32' ? leadingAxes(axis, x.shape) : undefined;
  if (axes === undefined) return stockKernel(Mean, 'wasm').kernelFunc(args);
  return scaledLeadingMean(new WasmCalls(args.backend), x, axes, keepDims, () => 1);
}

export const meanConfig: KernelConfig = {
  kernelName: Mean,
  backendName: 'wasm',
  setupFunc: (backend) => stockKernel(Mean, 'wasm').setupFunc?.(backend),
  kernelFunc: mean as KernelFunc,
};
