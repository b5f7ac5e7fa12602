import { wasmBytes } from '../wasm-bytes.js';
import { filterGradWasm } from './filter-grad-wasm.js';
import { warmUp, type FilterGrad } from './gemm-thread.js';

/** One call of the wasm `filterGrad` (see filter-grad.wat), for every thread. */
export interface FilterGradCall {
  /**
   * Byte offsets in the runtime's memory, these five: `out` is thread 0's output; thread i's
   * is `out + i * outStride`. `counter` holds the i32 that the threads claim blocks from.
   */
  tapPtrs: number;
  dy: number;
  out: number;
  outStride: number;
  counter: number;
  /** Counts, as filter-grad.wat names them. */
  taps: number;
  claims: number;
  blocksPerImage: number;
  blockRows: number;
  imageRows: number;
  rowLen: number;
  /** In bytes, these two. */
  xImageStride: number;
  xRowStride: number;
  cin: number;
  cout: number;
}

/** The call's arguments in the order of the wasm function and gemm-thread.js's control words. */
export function filterGradArgs(call: FilterGradCall, thread: number): Parameters<FilterGrad> {
  const { tapPtrs, taps, dy, out, outStride, counter, claims, blocksPerImage, blockRows, imageRows, rowLen } = call;
  return [tapPtrs, taps, dy, out + thread * outStride, counter, claims, blocksPerImage, blockRows, imageRows, rowLen, call.xImageStride, call.xRowStride, call.cin, call.cout];
}

/** Runs shares 1 .. threads - 1 of a call on other threads while the caller runs share 0. */
export interface GemmThreadPool {
  /** All threads, the caller's included. */
  readonly threads: number;
  start(call: FilterGradCall): void;
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
  readonly filterGrad: FilterGrad;
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
  const module = new WebAssembly.Module(wasmBytes(shared ? filterGradWasm.shared : filterGradWasm.unshared));
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const filterGrad = instance.exports.filterGrad as FilterGrad;
  warmUp(filterGrad, memory, 0);
  runtime = { module, memory, shared, filterGrad };
  return runtime;
}

/** The runtime, started on first use. */
export function gemmRuntime(): GemmRuntime {
  return started();
}

/**
 * Threads for `runFilterGrad` (the backend setups start them); undefined: the caller's
 * thread only. Closes the pool it replaces.
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
  if (pages > MAX_PAGES) throw new Error(`filter gradient needs ${bytes} bytes of wasm memory, more than ${MAX_PAGES * PAGE_BYTES}`);
  if (pages > current) memory.grow(pages - current);
  return new Float32Array(memory.buffer);
}

/** Runs `call` on every thread; each adds the blocks it claims into its own `out`. */
export function runFilterGrad(call: FilterGradCall): void {
  const { filterGrad, memory } = started();
  new Int32Array(memory.buffer, call.counter, 1)[0] = 0;
  pool?.start(call);
  try {
    filterGrad(...filterGradArgs(call, 0));
  } finally {
    pool?.wait();
  }
}

/** How many threads `runFilterGrad` uses, so callers can lay out one `out` per thread. */
export function gemmThreads(): number {
  return pool?.threads ?? 1;
}
