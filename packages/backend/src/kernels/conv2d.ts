import { backend_util, Conv2D, type Conv2DAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { stockKernel } from '../stock-kernels.js';
import { heapOffset } from '../wasm-heap.js';
import { winogradApplies, winogradConv2d } from '../wasm-gemm/winograd-conv.js';

/**
 * 3x3 convolutions at stride 1 (ResNets' and airbench's, forward and, through
 * Conv2DBackpropInput, backward) by Winograd's F(2x2, 3x3) on our GEMM threads: 1.4 to 2 times
 * XNNPACK's direct convolution; every other convolution goes to the stock (XNNPACK) kernel.
 */
export function conv2d(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = args.attrs as unknown as Conv2DAttrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (!winogradApplies(info) || x.dtype !== 'float32' || filter.dtype !== 'float32') {
    return stockKernel(Conv2D, 'wasm').kernelFunc(args) as TensorInfo;
  }
  const backend = args.backend as BackendWasm;
  const out = backend.makeOutput(info.outShape, 'float32');
  const at = (t: TensorInfo) => heapOffset(backend, t);
  winogradConv2d(at(x), at(filter), info, at(out));
  return out;
}

export const conv2dConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'wasm',
  kernelFunc: conv2d as KernelFunc,
  // The stock kernel, which takes the rest, binds its XNNPACK function there.
  setupFunc: (backend) => stockKernel(Conv2D, 'wasm').setupFunc?.(backend),
};
