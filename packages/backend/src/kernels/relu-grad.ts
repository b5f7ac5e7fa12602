import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ReluGrad } from '../gradients/relu-grad.js';
import { elementwiseFunctions } from '../wasm-elementwise/elementwise-module.js';
import { heapOffset } from '../wasm-heap.js';

/** dy step(x) in one SIMD pass: tfjs's gradient runs Step, then Multiply, and keeps step(x) between them. */
function reluGrad(args: Parameters<KernelFunc>[0]): TensorInfo {
  const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
  if (!util.arraysEqual(dy.shape, x.shape) || x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error(`${ReluGrad}: expected float32 dy and x of one shape, got dy ${dy.dtype} [${dy.shape}], x ${x.dtype} [${x.shape}]`);
  }
  const backend = args.backend as BackendWasm;
  const out = backend.makeOutput(x.shape, 'float32');
  elementwiseFunctions(backend).reluGrad(heapOffset(backend, dy), heapOffset(backend, x), util.sizeFromShape(x.shape), heapOffset(backend, out));
  return out;
}

export const reluGradKernelConfig: KernelConfig = {
  kernelName: ReluGrad,
  backendName: 'wasm',
  kernelFunc: reluGrad as KernelFunc,
};
