import { Identity, type KernelConfig, type KernelFunc, type KernelBackend, type TensorInfo } from '@tensorflow/tfjs';

/**
 * Identity shares x's buffer (one more reference) instead of the stock wasm kernel's copy.
 * The engine clones every tensor a gradient keeps for backprop through Identity, so the
 * copy doubled the forward activations held during a training step.
 */
export function shareBuffer(x: TensorInfo, backend: KernelBackend): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function identity(args: Parameters<KernelFunc>[0]): TensorInfo {
  return shareBuffer((args.inputs as { x: TensorInfo }).x, args.backend as KernelBackend);
}

export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identity as KernelFunc,
};
