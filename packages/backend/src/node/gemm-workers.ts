import { Worker } from 'node:worker_threads';
import type { GemmThreadPool } from '../wasm-gemm/gemm-runtime.js';
import { startGemmThreadPool } from '../wasm-gemm/gemm-thread-pool.js';

/** Our GEMM on `threads` threads: the caller and `threads - 1` worker_threads. */
export function startGemmWorkers(threads: number): Promise<GemmThreadPool> {
  return startGemmThreadPool(
    threads,
    (init) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./gemm-worker.mjs', import.meta.url), { workerData: init });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`GEMM worker exited with code ${code} before it started`)));
        worker.once('message', () => {
          // It waits for work forever: never keep Node from exiting.
          worker.removeAllListeners();
          worker.unref();
          resolve(worker);
        });
      }),
  );
}
