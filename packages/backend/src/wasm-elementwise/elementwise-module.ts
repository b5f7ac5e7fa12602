import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapInstance } from '../wasm-heap.js';
import { elementwiseWasm } from './elementwise-wasm.js';

/** elementwise.wat's functions; every pointer is a byte offset in tfjs's wasm heap, n counts floats. */
export interface ElementwiseFunctions {
  reluGrad(dy: number, x: number, n: number, out: number): void;
  adamUpdate(
    x: number, m: number, v: number, g: number, n: number,
    lr: number, beta1: number, beta2: number, epsilon: number, correction1: number, correction2: number,
    outX: number, outM: number, outV: number,
  ): void;
}

/** Our element-wise module, instantiated on the backend's own memory, so tensors are read in place. */
export function elementwiseFunctions(backend: BackendWasm): ElementwiseFunctions {
  return heapInstance<ElementwiseFunctions>(backend, elementwiseWasm);
}
