import type { TensorInfo } from '@tensorflow/tfjs';
import type { WasmCalls } from '../wasm-calls.js';
import { checkDySize } from './check-dy-size.js';
import type { ConvInfo } from './conv-info.js';

/** dy of the size that the input shape, strides and padding imply: a larger one sliced to its top-left. */
export function impliedDy(calls: WasmCalls, dy: TensorInfo, info: ConvInfo, kernelName: string): TensorInfo {
  checkDySize(dy, info, kernelName);
  const { outHeight, outWidth } = info;
  if (dy.shape[1] === outHeight && dy.shape[2] === outWidth) return dy;
  return calls.run('Slice', { x: dy }, { begin: [0, 0, 0, 0], size: [-1, outHeight, outWidth, -1] });
}
