import type { TensorInfo } from '@tensorflow/tfjs';
import type { WasmCalls } from '../wasm-calls.js';
import type { ConvInfo } from './nhwc-conv-info.js';

/**
 * dy of the size that the input shape, strides and padding imply. tfjs takes dy as given
 * (tf.conv2dTranspose accepts any output shape) and its kernels read only the top-left
 * outHeight x outWidth of a larger one; a smaller one has no defined gradient.
 */
export function impliedDy(calls: WasmCalls, dy: TensorInfo, info: ConvInfo, kernelName: string): TensorInfo {
  const [, height, width] = dy.shape;
  const { outHeight, outWidth } = info;
  if (height < outHeight || width < outWidth) {
    throw new Error(
      `${kernelName}: dy is ${height}x${width}, smaller than the ${outHeight}x${outWidth} that the input shape, strides and padding imply`,
    );
  }
  if (height === outHeight && width === outWidth) return dy;
  return calls.run('Slice', { x: dy }, { begin: [0, 0, 0, 0], size: [-1, outHeight, outWidth, -1] });
}
