import { Cast, type CastAttrs, type KernelBackend, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { stockKernel } from '../stock-kernels.js';
import { shareBuffer } from './identity.js';

/** A cast to x's own dtype shares x's buffer; the stock wasm kernel copies it. */
function cast(args: Parameters<KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const { x } = args.inputs as { x: TensorInfo };
  const { dtype } = args.attrs as unknown as CastAttrs;
  if (dtype !== x.dtype) return stockKernel(Cast, 'wasm').kernelFunc(args);
  return shareBuffer(x, args.backend as KernelBackend);
}

export const castConfig: KernelConfig = {
  kernelName: Cast,
  backendName: 'wasm',
  kernelFunc: cast as KernelFunc,
};
