import { FusedConv2D, type FusedConv2DAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { stockKernel } from '../stock-kernels.js';
import { winogradConvInfo, winogradConvOutput } from './conv2d.js';

/**
 * A convolution with a bias and an activation (what tfjs-layers' Conv2D runs when it has a
 * bias): by our Winograd convolution, the bias and ReLU added in its output transform, where
 * Conv2D would take it and the bias is one per output channel and the activation linear or
 * ReLU; the rest (other activations, PReLU weights, broadcast biases) to the stock kernel.
 */
export function fusedConv2d(args: Parameters<KernelFunc>[0]): TensorInfo {
  type Inputs = { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  const { x, filter, bias, preluActivationWeights } = args.inputs as Inputs;
  const attrs = args.attrs as unknown as FusedConv2DAttrs;
  const info = winogradConvInfo(x, filter, attrs);
  const activation = attrs.activation ?? 'linear';
  const perChannelBias = bias === undefined || (bias.dtype === 'float32' && bias.shape.length === 1 && bias.shape[0] === info?.outChannels);
  if (info === undefined || !perChannelBias || preluActivationWeights !== undefined || (activation !== 'linear' && activation !== 'relu')) {
    return stockKernel(FusedConv2D, 'wasm').kernelFunc(args) as TensorInfo;
  }
  return winogradConvOutput(args.backend as BackendWasm, x, filter, info, { bias, relu: activation === 'relu' });
}

export const fusedConv2dConfig: KernelConfig = {
  kernelName: FusedConv2D,
  backendName: 'wasm',
  kernelFunc: fusedConv2d as KernelFunc,
  // The stock kernel, which takes the rest, binds its XNNPACK function there.
  setupFunc: (backend) => stockKernel(FusedConv2D, 'wasm').setupFunc?.(backend),
};
