import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmBytes } from './wasm-bytes.js';

/** What tfjs's emscripten module exposes of its heap: the threaded build as wasmMemory, the other as its instance's export. */
export interface WasmHeap {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

/** A module of ours as scripts/build-wasm.mjs commits it: importing shared memory, or plain. */
export interface CommittedWasm {
  shared: string;
  unshared: string;
}

export function memoryOf(heap: WasmHeap): WebAssembly.Memory {
  const memory = heap.wasmMemory ?? heap.asm?.memory;
  if (memory === undefined) throw new Error("tfjs's wasm module exposes no memory (wasmMemory or asm.memory): its build has changed");
  return memory;
}

const instances = new WeakMap<object, Map<CommittedWasm, WebAssembly.Exports>>();

/** The exports of one of our modules instantiated on the backend's own memory (once), so tensors are read in place. */
export function heapInstance<T>(backend: BackendWasm, wasm: CommittedWasm): T {
  const heap = backend.wasm as unknown as WasmHeap;
  let modules = instances.get(heap);
  if (modules === undefined) {
    modules = new Map();
    instances.set(heap, modules);
  }
  let exports = modules.get(wasm);
  if (exports === undefined) {
    const memory = memoryOf(heap);
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const module = new WebAssembly.Module(wasmBytes(shared ? wasm.shared : wasm.unshared));
    exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
    modules.set(wasm, exports);
  }
  return exports as unknown as T;
}
