import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { hasRelaxedSimd } from './relaxed-simd.js';
import { wasmBytes } from './wasm-bytes.js';

/** What tfjs's emscripten module exposes of its heap: the threaded build as wasmMemory, the other as its instance's export. */
export interface WasmHeap {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

/** A module of ours as scripts/build-wasm.mjs commits it: importing shared memory, or plain. */
export interface CommittedBuilds {
  shared: string;
  unshared: string;
}

/** Its builds, and where it has one, a variant with fused multiply-adds (relaxed SIMD). */
export interface CommittedWasm extends CommittedBuilds {
  fused?: CommittedBuilds;
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
  /** Whether this is the module's fused variant (where it has one and the engine has relaxed SIMD). */
  readonly fused: boolean;
  readonly exports: WebAssembly.Exports;
}

const instances = new WeakMap<object, Map<CommittedWasm, HeapModule>>();

/**
 * One of our modules instantiated on the backend's own memory (once), so tensors are read in
 * place: its fused variant where it has one and this engine compiles relaxed SIMD.
 */
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
    const builds = wasm.fused !== undefined && hasRelaxedSimd() ? wasm.fused : wasm;
    const fused = builds !== wasm;
    const module = new WebAssembly.Module(wasmBytes(shared ? builds.shared : builds.unshared));
    instance = { module, memory, shared, fused, exports: new WebAssembly.Instance(module, { env: { memory } }).exports };
    modules.set(wasm, instance);
  }
  return instance;
}

/** The exports of `heapModule(backend, wasm)`. */
export function heapInstance<T>(backend: BackendWasm, wasm: CommittedWasm): T {
  return heapModule(backend, wasm).exports as unknown as T;
}

/** Where a tensor's data starts in tfjs's heap, as a byte offset: what our modules take. */
export function heapOffset(backend: BackendWasm, t: TensorInfo): number {
  return backend.typedArrayFromHeap(t).byteOffset;
}

/** Cache lines: v128 loads stay within one, and threads' outputs do not share one. */
const SCRATCH_ALIGN = 64;

/**
 * A scratch block on tfjs's heap at `pointer` (64-byte aligned), zeroed unless `zeroed` is
 * false, freed by `release`; `floats` and `doubles` view it after growth too.
 */
export class HeapScratch {
  readonly pointer: number;
  private readonly heap: WasmHeap;
  private readonly allocation: number;

  constructor(backend: BackendWasm, readonly bytes: number, { zeroed = true }: { zeroed?: boolean } = {}) {
    this.heap = backend.wasm as unknown as WasmHeap;
    this.allocation = this.heap._malloc(bytes + SCRATCH_ALIGN);
    if (this.allocation === 0) throw new Error(`could not allocate ${bytes} bytes of scratch on tfjs's wasm heap`);
    this.pointer = Math.ceil(this.allocation / SCRATCH_ALIGN) * SCRATCH_ALIGN;
    if (zeroed) new Uint8Array(memoryOf(this.heap).buffer, this.pointer, bytes).fill(0);
  }

  /** A float view at a byte offset into the block. */
  floats(offset: number, count: number): Float32Array {
    return new Float32Array(memoryOf(this.heap).buffer, this.pointer + offset, count);
  }

  doubles(offset: number, count: number): Float64Array {
    return new Float64Array(memoryOf(this.heap).buffer, this.pointer + offset, count);
  }

  release(): void {
    this.heap._free(this.allocation);
  }
}
