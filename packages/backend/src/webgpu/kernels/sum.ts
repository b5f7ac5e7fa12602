import { Sum, util, type KernelConfig, type KernelFunc, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { stockKernel } from '../../stock-kernels.js';
import { channelReductionProgram, channelReductionUniforms, channelSplits, type ChannelReduction } from '../programs/channel-reduction.js';
import { sumSplits } from '../programs/sum-splits.js';

const sum: ChannelReduction = {
  name: 'sum',
  variableNames: ['x'],
  fields: ['total'],
  accumulate: 'total = total + x[i];',
  merge: 'total = total + other_total;',
};

/**
 * Sum over every axis but the last (a bias gradient) as our split reduction over x where it
 * lies: tfjs's transposes x into a copy first. Other sums go to tfjs's kernel.
 */
function sumKernel(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { x } = args.inputs as { x: TensorInfo };
  const { axis, keepDims } = args.attrs as unknown as SumAttrs;
  const rank = x.shape.length;
  const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
  const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
  if (!leading || x.dtype !== 'float32') return stockKernel(Sum, 'webgpu').kernelFunc(args) as TensorInfo;
  const backend = args.backend as WebGPUBackend;
  const channels = x.shape[rank - 1];
  const rows = util.sizeFromShape(x.shape) / channels;
  const outputShape = keepDims ? [...Array(rank - 1).fill(1), channels] : [channels];
  // WebGPU cannot bind an empty buffer.
  if (rows === 0) return backend.makeTensorInfo(outputShape, 'float32', new Float32Array(channels));
  const layout = channelSplits(rows, channels);
  const uniforms = channelReductionUniforms(rows, channels, layout);
  if (layout.splits === 1) return backend.runWebGPUProgram(channelReductionProgram(sum, channels, layout, outputShape), [x], 'float32', uniforms);
  const partial = backend.runWebGPUProgram(channelReductionProgram(sum, channels, layout), [x], 'float32', uniforms);
  const total = sumSplits(backend, partial, outputShape);
  backend.disposeData(partial.dataId);
  return total;
}

export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'webgpu',
  kernelFunc: sumKernel as KernelFunc,
};
