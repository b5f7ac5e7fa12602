import { FusedBatchNorm, type FusedBatchNormAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { stockKernel } from '../stock-kernels.js';
import { WasmCalls } from '../wasm-calls.js';

/**
 * y = x k + b with k = scale / sqrt(variance + eps) and b = offset - mean k per channel:
 * the C values in JavaScript, then XNNPACK's broadcasting Multiply and Add on all threads.
 * The stock kernel is one scalar loop on one thread, 2.5x slower on a BatchNorm of the
 * seed network. Statistics that are not one value per channel (last axis) go to it.
 */
function fusedBatchNorm(args: Parameters<KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const { x, mean, variance, offset, scale } = args.inputs as Record<string, TensorInfo | undefined> & { x: TensorInfo };
  const { varianceEpsilon } = args.attrs as unknown as FusedBatchNormAttrs;
  const channels = x.shape[x.shape.length - 1];
  const perChannel = (t: TensorInfo) => t.dtype === 'float32' && t.shape.reduce((a, b) => a * b, 1) === channels && t.shape.at(-1) === channels;
  const optional = [offset, scale].filter((t) => t !== undefined);
  if (x.dtype !== 'float32' || x.shape.length < 2 || mean === undefined || variance === undefined || ![mean, variance, ...optional].every(perChannel)) {
    return stockKernel(FusedBatchNorm, 'wasm').kernelFunc(args);
  }
  const backend = args.backend as BackendWasm;
  const calls = new WasmCalls(backend);
  const k = calls.adopt(backend.makeOutput([channels], 'float32'));
  const b = calls.adopt(backend.makeOutput([channels], 'float32'));
  // Views after the allocations, which may have grown the heap.
  const view = (t: TensorInfo) => backend.typedArrayFromHeap(t);
  const [m, v, kv, bv] = [mean, variance, k, b].map(view);
  const o = offset && view(offset);
  const s = scale && view(scale);
  for (let c = 0; c < channels; c++) {
    kv[c] = (s?.[c] ?? 1) / Math.sqrt(v[c] + varianceEpsilon);
    bv[c] = (o?.[c] ?? 0) - m[c] * kv[c];
  }
  return calls.finish(calls.run('Add', { a: calls.run('Multiply', { a: x, b: k }), b }));
}

export const fusedBatchNormConfig: KernelConfig = {
  kernelName: FusedBatchNorm,
  backendName: 'wasm',
  setupFunc: (backend) => stockKernel(FusedBatchNorm, 'wasm').setupFunc?.(backend),
  kernelFunc: fusedBatchNorm as KernelFunc,
};
