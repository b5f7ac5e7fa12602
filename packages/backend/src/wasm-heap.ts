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

/** One of our modules on the backend's own memory: the module too, so that workers can instantiate it there. */
export interface HeapModule {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** Whether the memory is shared (tfjs's threaded build), so that workers can run the module on it. */
  readonly shared: boolean;
  readonly exports: WebAssembly.Exports;
}

const instances = new WeakMap<object, Map<CommittedWasm, HeapModule>>();

/** One of our modules instantiated on the backend's own memory (once), so tensors are read in place. */
export function heapModule(backend: BackendWasm, wasm: CommittedWasm): HeapModule {
  const heap = backend.wasm as unknown as WasmHeap;
  let modules = instances.get(heap);
  if (modules === undefined) {
    modules = new Map();
    instances.set(heap, modules);
  }
  let instance = modules.get(wasm);
  if (instance === undefined) {
    const memory = memoryOf(heap);
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const module = new WebAssembly.Module(wasmBytes(shared ? wasm.shared : wasm.unshared));
    instance = { module, memory, shared, exports: new WebAssembly.Instance(module, { env: { memory } }).exports };
    modules.set(wasm, instance);
  }
  return instance;
}

/** The exports of `heapModule(backend, wasm)`. */
export function heapInstance<T>(backend: BackendWasm, wasm: CommittedWasm): T {
  return heapModule(backend, wasm).exports as unknown as T;
}
