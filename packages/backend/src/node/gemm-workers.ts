import { Worker } from 'node:worker_threads';
import { gemmRuntime, type FilterGradCall, type GemmThreadPool } from '../wasm-gemm/gemm-runtime.js';

// Layout of the control words, shared with gemm-worker.mjs.
const GENERATION = 0;
const DONE = 1;
const FAILED = 2;
const ARGS = 3;

/**
 * Starts `threads - 1` worker threads that run our wasm GEMM on the shared memory beside
 * the calling thread. The main thread posts a call by bumping a generation counter and
 * blocks in Atomics.wait until every worker has counted itself done.
 */
export async function startGemmWorkers(threads: number): Promise<GemmThreadPool> {
  const { module, memory, shared } = gemmRuntime();
  if (!shared) throw new Error('GEMM threads need shared wasm memory (SharedArrayBuffer)');
  const control = new Int32Array(new SharedArrayBuffer((ARGS + 10) * 4));
  const workers = Array.from(
    { length: threads - 1 },
    (_, i) =>
      new Worker(new URL('./gemm-worker.mjs', import.meta.url), {
        workerData: { module, memory, control: control.buffer, index: i + 1 },
      }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.once('message', () => resolve());
            worker.once('error', reject);
            worker.once('exit', (code) => reject(new Error(`GEMM worker exited with code ${code} before it started`)));
          }),
      ),
    );
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  // They wait for work forever: never keep Node from exiting.
  for (const worker of workers) {
    worker.removeAllListeners();
    worker.unref();
  }
  return {
    threads,
    start(call: FilterGradCall) {
      const { tapPtrs, taps, dy, out, outStride, positions, chunk, cin, cout } = call;
      control.set([tapPtrs, taps, dy, out, outStride, positions, chunk, threads, cin, cout], ARGS);
      Atomics.store(control, DONE, 0);
      Atomics.store(control, FAILED, 0);
      Atomics.add(control, GENERATION, 1);
      Atomics.notify(control, GENERATION);
    },
    wait() {
      for (let done = Atomics.load(control, DONE); done < threads - 1; done = Atomics.load(control, DONE)) {
        Atomics.wait(control, DONE, done);
      }
      const failed = Atomics.load(control, FAILED);
      if (failed !== 0) throw new Error(`GEMM thread ${failed} failed (its error is printed above)`);
    },
  };
}
