import { wasmBytes } from '../wasm-bytes.js';
import { gemmWasm } from './gemm-wasm.js';
import { warmUp, type GemmExports, type GemmFunction } from './gemm-thread.js';

/** One call of a gemm.wat function, run by every thread (they split its work by claims). */
export interface GemmCall {
  fn: GemmFunction;
  /** In gemm.wat's order: byte offsets in the runtime's memory, counts, strides in bytes. */
  args: readonly number[];
  /** The argument that thread i passes plus i * stride (its own output), if any. */
  perThread?: { arg: number; stride: number };
}

/** Runs the other threads' part of a call while the caller runs thread 0's. */
export interface GemmThreadPool {
  /** All threads, the caller's included. */
  readonly threads: number;
  start(call: GemmCall): void;
  /** Returns when the other threads are done; throws if one of them failed. */
  wait(): void;
  /** Ends the other threads. */
  close(): void;
}

/** Our wasm module and the memory it works in: shared, so that workers can run it too, where allowed. */
export interface GemmRuntime {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
}

const PAGE_BYTES = 65536;
/** The first page is the warm-up's scratch (gemm-thread.js); the callers' data starts after it. */
export const FIRST_FREE_BYTE = PAGE_BYTES;
/** 2 GiB; the .wat's import allows up to 4 GiB. */
const MAX_PAGES = 32768;

interface StartedRuntime extends GemmRuntime {
  readonly gemm: GemmExports;
}

let runtime: StartedRuntime | undefined;
let pool: GemmThreadPool | undefined;

function started(): StartedRuntime {
  if (runtime !== undefined) return runtime;
  let memory: WebAssembly.Memory;
  let shared = true;
  try {
    memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  } catch {
    // No SharedArrayBuffer: a page that is not cross-origin isolated.
    shared = false;
    memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES });
  }
  const module = new WebAssembly.Module(wasmBytes(shared ? gemmWasm.shared : gemmWasm.unshared));
  const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GemmExports;
  warmUp(gemm, memory, 0);
  runtime = { module, memory, shared, gemm };
  return runtime;
}

/** The runtime, started on first use. */
export function gemmRuntime(): GemmRuntime {
  return started();
}

/**
 * Threads for `runGemm` (the backend setups start them); undefined: the caller's thread
 * only. Closes the pool it replaces.
 */
export function setGemmThreadPool(next: GemmThreadPool | undefined): void {
  if (pool !== next) pool?.close();
  pool = next;
}

/** Grows the memory to at least `bytes` and returns a float view of all of it. */
export function reserveFloats(bytes: number): Float32Array {
  const { memory } = started();
  const pages = Math.ceil(bytes / PAGE_BYTES);
  const current = memory.buffer.byteLength / PAGE_BYTES;
  if (pages > MAX_PAGES) throw new Error(`our GEMM needs ${bytes} bytes of wasm memory, more than ${MAX_PAGES * PAGE_BYTES}`);
  if (pages > current) memory.grow(pages - current);
  return new Float32Array(memory.buffer);
}

/** Runs `call` on every thread, after zeroing the claim counter at byte `counter`. */
export function runGemm(call: GemmCall, counter: number): void {
  const { gemm, memory } = started();
  new Int32Array(memory.buffer, counter, 1)[0] = 0;
  pool?.start(call);
  try {
    gemm[call.fn](...call.args);
  } finally {
    pool?.wait();
  }
}

/** How many threads `runGemm` uses, so callers can lay out one output per thread. */
export function gemmThreads(): number {
  return pool?.threads ?? 1;
}
