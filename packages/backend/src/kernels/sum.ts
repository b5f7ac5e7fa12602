import { Sum, type KernelConfig, type KernelFunc, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { stockKernel } from '../stock-kernels.js';
import { WasmCalls } from '../wasm-calls.js';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { allAxes, leadingAxes, scaledLeadingMean, scaledTotal } from '../kernel-utils/leading-axes-reduce.js';

/**
 * Sums over the leading axes (BatchNorm's and bias gradients: N,H,W of NHWC) as a global average
 * pool; over all axes (L2 terms, norms) in float64.
 */
function sum(args: Parameters<KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const { x } = args.inputs as { x: TensorInfo };
  const { axis, keepDims } = args.attrs as unknown as SumAttrs;
  if (x.dtype === 'float32' && allAxes(axis, x.shape)) return scaledTotal(args.backend as BackendWasm, x, keepDims, () => 1);
  const axes = x.dtype === 'float32' ? leadingAxes(axis, x.shape) : undefined;
  if (axes === undefined) return stockKernel(Sum, 'wasm').kernelFunc(args);
  return scaledLeadingMean(new WasmCalls(args.backend), x, axes, keepDims, (n) => n);
}

export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'wasm',
  setupFunc: (backend) => stockKernel(Sum, 'wasm').setupFunc?.(backend),
  kernelFunc: sum as KernelFunc,
};
