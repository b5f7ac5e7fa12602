import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapInstance } from '../wasm-heap.js';
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
