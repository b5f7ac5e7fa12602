import { getKernel, type KernelBackend, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs';
import { capturedStockKernel } from './stock-kernels.js';

/**
 * Runs kernels of the wasm backend from inside one of ours and frees every
 * intermediate when the block ends, except what the block returns.
 */
export class WasmCalls {
  private readonly intermediates: TensorInfo[] = [];
  readonly backend: KernelBackend;

  // Kernel functions receive the backend typed as `{}`.
  constructor(backend: object) {
    this.backend = backend as KernelBackend;
  }

  /** `inputs` is a list for kernels that take one (Concat, AddN, Pack). */
  run(name: string, inputs: Record<string, TensorInfo> | TensorInfo[], attrs: object = {}): TensorInfo {
    const kernel = capturedStockKernel(name, 'wasm') ?? getKernel(name, 'wasm');
    if (kernel === undefined) throw new Error(`wasm kernel '${name}' is not registered`);
    const out = kernel.kernelFunc({ inputs: inputs as NamedTensorInfoMap, backend: this.backend, attrs: attrs as NamedAttrMap });
    if (Array.isArray(out)) throw new Error(`wasm kernel '${name}' returned several tensors`);
    this.intermediates.push(out);
    return out;
  }

  /** Adopts a tensor the block made itself (say, with makeOutput), to free it like the rest. */
  adopt(t: TensorInfo): TensorInfo {
    this.intermediates.push(t);
    return t;
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  /** Frees all intermediates but `keep`, which the caller returns to the engine. */
  finish(keep: TensorInfo): TensorInfo {
    for (const t of this.intermediates) if (t !== keep) this.backend.disposeData(t.dataId);
    return keep;
  }
}
