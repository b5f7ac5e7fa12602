import {
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { checkDySize } from '../../kernel-utils/check-dy-size.js';
import { convInfo } from '../../kernel-utils/conv-info.js';
import { stockKernel } from '../../stock-kernels.js';
import { filterGradGemmProgram, filterGradGemmUniforms, filterGradTiling } from '../programs/filter-grad-gemm.js';
import { sumSplits } from '../programs/sum-splits.js';

/**
 * The filter gradient as our split GEMM over NHWC x and dy (tfjs's is one thread per filter
 * value looping over every position); NCHW goes to tfjs's kernel.
 */
function conv2dBackpropFilter(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = convInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs);
  if (info.dataFormat !== 'channelsLast') return stockKernel(Conv2DBackpropFilter, 'webgpu').kernelFunc(args) as TensorInfo;
  const backend = args.backend as WebGPUBackend;
  checkDySize(dy, info, Conv2DBackpropFilter);
  const rows = info.filterHeight * info.filterWidth * info.inChannels;
  const positions = info.batchSize * info.outHeight * info.outWidth;
  // WebGPU cannot bind an empty buffer.
  if (positions === 0) return backend.makeTensorInfo(info.filterShape, 'float32', new Float32Array(rows * info.outChannels));
  const tiling = filterGradTiling(rows, info.outChannels, positions);
  const gemm = backend.runWebGPUProgram(filterGradGemmProgram(info, tiling), [x, dy], 'float32', filterGradGemmUniforms(info, tiling));
  if (tiling.splits === 1) return gemm;
  const dW = sumSplits(backend, gemm, info.filterShape);
  backend.disposeData(gemm.dataId);
  return dW;
}

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'webgpu',
  kernelFunc: conv2dBackpropFilter as KernelFunc,
};
