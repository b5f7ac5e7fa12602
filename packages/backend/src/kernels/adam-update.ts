import { AdamUpdate, type AdamUpdateAttrs, type AdamUpdateInputs } from '@resnet/ops';
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { elementwiseFunctions } from '../wasm-elementwise/elementwise-module.js';
import { heapOffset } from '../wasm-heap.js';

/** One Adam step for one variable in one SIMD pass that writes x', m' and v' (tfjs's ops make about 14). */
function adamUpdate(args: Parameters<KernelFunc>[0]): TensorInfo[] {
  const { x, m, v, gradient } = args.inputs as unknown as AdamUpdateInputs;
  const { lr, beta1, beta2, epsilon, step } = args.attrs as unknown as AdamUpdateAttrs;
  for (const [name, t] of Object.entries({ x, m, v, gradient })) {
    if (t.dtype !== 'float32' || !util.arraysEqual(t.shape, x.shape)) {
      throw new Error(`${AdamUpdate}: expected ${name} float32 [${x.shape}] (x's shape), got ${t.dtype} [${t.shape}]`);
    }
  }
  const backend = args.backend as BackendWasm;
  const outs = [x, m, v].map(() => backend.makeOutput(x.shape, 'float32'));
  const [xOut, mOut, vOut] = outs.map((t) => heapOffset(backend, t));
  const at = (t: TensorInfo) => heapOffset(backend, t);
  // The bias corrections 1 - beta^t, in double precision once per step, as the webgpu kernel.
  elementwiseFunctions(backend).adamUpdate(
    at(x), at(m), at(v), at(gradient), util.sizeFromShape(x.shape),
    lr, beta1, beta2, epsilon, 1 - beta1 ** step, 1 - beta2 ** step,
    xOut, mOut, vOut,
  );
  return outs;
}

export const adamUpdateConfig: KernelConfig = {
  kernelName: AdamUpdate,
  backendName: 'wasm',
  kernelFunc: adamUpdate as KernelFunc,
};
