import {
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { impliedDy } from '../kernel-utils/implied-dy.js';
import { nhwcConvInfo } from '../kernel-utils/conv-info.js';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmCalls } from '../wasm-calls.js';
import { filterGradient } from '../wasm-gemm/filter-gradient.js';
import { heapOffset } from '../wasm-heap.js';
import { winogradApplies, winogradFilterGradient } from '../wasm-gemm/winograd-conv.js';

/**
 * Our wasm GEMM over x and dy in tfjs's heap, after Winograd's transforms for 3x3 filters at
 * stride 1; the stock backend has no such kernel.
 */
function conv2dBackpropFilter(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { x, dy: givenDy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = nhwcConvInfo(Conv2DBackpropFilter, x.shape as [number, number, number, number], attrs.filterShape, attrs);
  const backend = args.backend as BackendWasm;
  const calls = new WasmCalls(backend);
  const dy = impliedDy(calls, givenDy, info, Conv2DBackpropFilter);
  const out = backend.makeOutput(attrs.filterShape, 'float32');
  const at = (t: TensorInfo) => heapOffset(backend, t);
  (winogradApplies(info) ? winogradFilterGradient : filterGradient)(at(x), at(dy), info, at(out));
  return calls.finish(out);
}

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as KernelFunc,
};
