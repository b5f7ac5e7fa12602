import {
  Conv2D,
  Conv2DBackpropInput,
  getKernel,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { checkDySize } from '../../kernel-utils/check-dy-size.js';
import { convInfo } from '../../kernel-utils/conv-info.js';
import { stockKernel } from '../../stock-kernels.js';
import { flippedFilterProgram } from '../programs/flipped-filter.js';

/**
 * The input gradient at stride 1 as a forward convolution of dy with the flipped filter, padded
 * by KH-1-top and so on, on tfjs's own Conv2D kernel: its GEMM reads vec4s of dy and of the
 * filter along the channels, where tfjs's input-gradient GEMM tests every tap for the stride and
 * reads the filter one scalar at a time across its rows (on an H200 it took 2.8 times the
 * forward pass's time for the same layers). Strides above 1, channel counts that are not
 * multiples of 4 (no vec4 reads either way), NCHW and a dy larger than the input implies go to
 * tfjs's kernel.
 */
function conv2dBackpropInput(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
  const info = convInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs);
  const nhwc = info.dataFormat === 'channelsLast';
  if (nhwc) checkDySize(dy, info, Conv2DBackpropInput);
  const { top, bottom, left, right } = info.padInfo;
  const pads = [info.filterHeight - 1 - top, info.filterHeight - 1 - bottom, info.filterWidth - 1 - left, info.filterWidth - 1 - right];
  const direct =
    nhwc &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.inChannels % 4 === 0 &&
    info.outChannels % 4 === 0 &&
    dy.shape[1] === info.outHeight &&
    dy.shape[2] === info.outWidth &&
    pads.every((pad) => pad >= 0) &&
    info.batchSize * info.inHeight * info.inWidth * info.inChannels > 0;
  if (!direct) return stockKernel(Conv2DBackpropInput, 'webgpu').kernelFunc(args) as TensorInfo;
  const backend = args.backend as WebGPUBackend;
  const conv2d = getKernel(Conv2D, 'webgpu');
  if (conv2d === undefined) throw new Error(`${Conv2DBackpropInput}: the webgpu kernel '${Conv2D}' is not registered`);
  const flipped = backend.runWebGPUProgram(flippedFilterProgram(filter.shape), [filter], 'float32');
  const dx = conv2d.kernelFunc({
    inputs: { x: dy, filter: flipped },
    backend,
    attrs: {
      strides: 1,
      // 'valid' where no padding is left lets tfjs take a 1x1 filter as a matrix product.
      pad: pads.every((pad) => pad === 0)
        ? 'valid'
        : [
            [0, 0],
            [pads[0], pads[1]],
            [pads[2], pads[3]],
            [0, 0],
          ],
      dataFormat: 'NHWC',
      dilations: 1,
    },
  }) as TensorInfo;
  backend.disposeData(flipped.dataId);
  return dx;
}

export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'webgpu',
  kernelFunc: conv2dBackpropInput as KernelFunc,
};
