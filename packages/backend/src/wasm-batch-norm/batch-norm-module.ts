import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapInstance, memoryOf, type WasmHeap } from '../wasm-heap.js';
import { batchNormWasm } from './batch-norm-wasm.js';

/** batch-norm.wat's functions; every pointer is a byte offset in tfjs's wasm heap. */
export interface BatchNormFunctions {
  channelSums(x: number, pixels: number, c: number, center: number, squares: number, part: number, acc: number, part2: number, acc2: number): void;
  gradientSums(dy: number, x: number, pixels: number, c: number, center: number, part: number, acc: number, part2: number, acc2: number): void;
  affine(u: number, v: number, pixels: number, c: number, a: number, b: number, k: number, out: number): void;
}

/** Our BatchNorm module, instantiated on the backend's own memory, so tensors are read in place. */
export function batchNormFunctions(backend: BackendWasm): BatchNormFunctions {
  return heapInstance<BatchNormFunctions>(backend, batchNormWasm);
}

/** A zeroed scratch block on tfjs's heap, freed by `release`; `floats` and `doubles` view it after growth too. */
export class HeapScratch {
  readonly pointer: number;
  private readonly heap: WasmHeap;

  constructor(backend: BackendWasm, readonly bytes: number) {
    this.heap = backend.wasm as unknown as WasmHeap;
    this.pointer = this.heap._malloc(bytes);
    new Uint8Array(memoryOf(this.heap).buffer, this.pointer, bytes).fill(0);
  }

  /** A float view at a byte offset into the block. */
  floats(offset: number, count: number): Float32Array {
    return new Float32Array(memoryOf(this.heap).buffer, this.pointer + offset, count);
  }

  doubles(offset: number, count: number): Float64Array {
    return new Float64Array(memoryOf(this.heap).buffer, this.pointer + offset, count);
  }

  release(): void {
    this.heap._free(this.pointer);
  }
}
