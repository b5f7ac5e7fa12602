import { backend_util, Conv2D, type Conv2DAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { stockKernel } from '../stock-kernels.js';
import { heapOffset } from '../wasm-heap.js';
import { winogradApplies, winogradConv2d } from '../wasm-gemm/winograd-conv.js';

/** The convolution of x by filter, where our Winograd convolution computes it (float32, `winogradApplies`); else undefined. */
export function winogradConvInfo(x: TensorInfo, filter: TensorInfo, attrs: Conv2DAttrs): backend_util.Conv2DInfo | undefined {
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs;
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
  return winogradApplies(info) && x.dtype === 'float32' && filter.dtype === 'float32' ? info : undefined;
}

/** That convolution into a new output, with the bias (outChannels floats) and ReLU of `epilogue`. */
export function winogradConvOutput(
  backend: BackendWasm,
  x: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
  epilogue: { bias?: TensorInfo; relu?: boolean } = {},
): TensorInfo {
  const out = backend.makeOutput(info.outShape, 'float32');
  const at = (t: TensorInfo) => heapOffset(backend, t);
  const bias = epilogue.bias === undefined ? undefined : at(epilogue.bias);
  winogradConv2d(at(x), at(filter), info, at(out), { bias, relu: epilogue.relu });
  return out;
}

/**
 * 3x3 convolutions at stride 1 (ResNets' and airbench's, forward and, through
 * Conv2DBackpropInput, backward) by Winograd's F(2x2, 3x3) on our GEMM threads: 1.4 to 2 times
 * XNNPACK's direct convolution; every other convolution goes to the stock (XNNPACK) kernel.
 */
export function conv2d(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const info = winogradConvInfo(x, filter, args.attrs as unknown as Conv2DAttrs);
  if (info === undefined) return stockKernel(Conv2D, 'wasm').kernelFunc(args) as TensorInfo;
  return winogradConvOutput(args.backend as BackendWasm, x, filter, info);
}

export const conv2dConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'wasm',
  kernelFunc: conv2d as KernelFunc,
  // The stock kernel, which takes the rest, binds its XNNPACK function there.
  setupFunc: (backend) => stockKernel(Conv2D, 'wasm').setupFunc?.(backend),
};
