import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { HeapScratch, heapModule } from '../wasm-heap.js';
import { gemmWasm } from './gemm-wasm.js';
import { WARM_UP_BYTES, warmUp, type GemmExports, type GemmFunction } from './gemm-thread.js';

/** One call of a gemm.wat function, run by every thread (they split its work by claims). */
export interface GemmCall {
  fn: GemmFunction;
  /** In gemm.wat's order: byte offsets in tfjs's heap, counts, strides in bytes. */
  args: readonly number[];
  /** The argument that thread i passes plus i * stride (its own output), if any. */
  perThread?: { arg: number; stride: number };
}

/** Runs the other threads' part of a call while the caller runs thread 0's. */
export interface GemmThreadPool {
  /** All threads, the caller's included. */
  readonly threads: number;
  start(call: GemmCall): void;
  /**
   * Call after the caller's own share, which took every claim left: returns when the threads
   * that joined the call are done (the others skip it); throws if one of them failed.
   */
  wait(): void;
  /** Ends the other threads. */
  close(): void;
}

/**
 * Our wasm module on tfjs's own heap, so that it reads and writes tensors in place: no copies
 * in or out. The threaded build's heap is shared memory, so workers can run the module too.
 */
export interface GemmRuntime {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
  /** Byte offset of the zeroed block that every thread's warm-up works in (gemm-thread.js). */
  readonly warmUpAt: number;
}

interface StartedRuntime extends GemmRuntime {
  readonly gemm: GemmExports;
  readonly backend: BackendWasm;
}

const runtimes = new WeakMap<object, StartedRuntime>();
let pool: GemmThreadPool | undefined;

function started(): StartedRuntime {
  const backend = tf.findBackend('wasm') as BackendWasm | null;
  if (backend === null) throw new Error('our GEMM runs on the wasm backend, which has not started');
  let runtime = runtimes.get(backend.wasm);
  if (runtime === undefined) {
    const { module, memory, shared, exports } = heapModule(backend, gemmWasm);
    const gemm = exports as unknown as GemmExports;
    // Kept for the runtime's life: workers started later warm up in it too.
    const warmUpAt = new HeapScratch(backend, WARM_UP_BYTES).pointer;
    warmUp(gemm, memory, 0, warmUpAt);
    runtime = { module, memory, shared, warmUpAt, gemm, backend };
    runtimes.set(backend.wasm, runtime);
  }
  return runtime;
}

/** The runtime on the wasm backend's heap, started on first use. */
export function gemmRuntime(): GemmRuntime {
  return started();
}

/**
 * Threads for `runGemm` (the backend setups start them, after the wasm backend); undefined:
 * the caller's thread only. Closes the pool it replaces.
 */
export function setGemmThreadPool(next: GemmThreadPool | undefined): void {
  if (pool !== next) pool?.close();
  pool = next;
}

/**
 * Runs f with the byte offset of a scratch block of `bytes` on tfjs's heap (not zeroed), freed
 * when f returns: held only while it is used, it takes no room from tensors between calls.
 * Allocating may grow the heap: take views of it (`heapFloats`) afterwards.
 */
export function withScratch<T>(bytes: number, f: (at: number) => T): T {
  const scratch = new HeapScratch(started().backend, bytes, { zeroed: false });
  try {
    return f(scratch.pointer);
  } finally {
    scratch.release();
  }
}

/** A float view of the whole heap as it is now. */
export function heapFloats(): Float32Array {
  return new Float32Array(started().memory.buffer);
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
