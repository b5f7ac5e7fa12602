import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { MAX_WASM_THREADS } from './max-wasm-threads.js';

/** Every core, at most 8, where memory can be shared (a cross-origin isolated page); else 1. */
export function browserWasmThreads(): number {
  if (globalThis.crossOriginIsolated !== true) return 1;
  return Math.max(1, Math.min(globalThis.navigator?.hardwareConcurrency ?? 1, MAX_WASM_THREADS));
}

/**
 * Asks tfjs's wasm module for `threads` XNNPACK threads before it starts; returns the undo of
 * what that takes. Its C++ keeps half the logical cores it is told of (it assumes two
 * hyperthreads per core), so the worker's navigator reports twice `threads` meanwhile.
 */
export function requestWasmThreads(threads: number): () => void {
  setThreadsCount(threads);
  const nav = globalThis.navigator as { hardwareConcurrency?: number } | undefined;
  if (nav === undefined || threads < 2) return () => undefined;
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  } catch {
    return () => undefined;
  }
  return () => {
    delete nav.hardwareConcurrency;
  };
}
