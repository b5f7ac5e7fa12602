import type { GemmThreadPool } from './gemm-runtime.js';
import { startGemmThreadPool } from './gemm-thread-pool.js';

/**
 * Our GEMM on `threads` threads in a browser: the caller and `threads - 1` module workers.
 * Only where the caller may block in Atomics.wait (a worker, not a page's main thread) and
 * memory can be shared (a cross-origin isolated page); undefined otherwise.
 */
export async function startBrowserGemmWorkers(threads: number): Promise<GemmThreadPool | undefined> {
  const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
  if (threads < 2 || !inWorker || !globalThis.crossOriginIsolated) return undefined;
  return startGemmThreadPool(
    threads,
    (init) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./gemm-browser-worker.js', import.meta.url), { type: 'module' });
        worker.onerror = (event) => {
          worker.terminate();
          reject(new Error(`GEMM worker failed to start: ${event.message}`));
        };
        worker.onmessage = () => {
          worker.onerror = null;
          worker.onmessage = null;
          resolve(worker);
        };
        worker.postMessage(init);
      }),
  );
}
