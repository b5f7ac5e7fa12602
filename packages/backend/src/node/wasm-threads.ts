import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { MAX_WASM_THREADS } from '../max-wasm-threads.js';


const workerPath = fileURLToPath(new URL('./wasm-thread-worker.mjs', import.meta.url));

/**
 * Starts tfjs's wasm backend with XNNPACK's pool on `threads` threads: the threaded SIMD
 * build when `threads > 1`, the single-thread SIMD build otherwise. The module loads once
 * per process, so this must run before anything else initializes `wasm`.
 * Resolves to the number of threads XNNPACK runs on.
 */
export async function initWasmBackend(threads: number): Promise<number> {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new Error(`threads: expected an integer from 1 to ${MAX_WASM_THREADS}, got ${threads}`);
  }
  // Not tf.findBackend: it would start the module with the flags as they are.
  if ('wasm' in tf.engine().registry) {
    throw new Error(`the wasm backend is already initialized (with ${getThreadsCount()} threads)`);
  }
  // tfjs turns threads off under Node (tfjs#3830) because of the two obstacles undone below.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads > 1);
  setThreadsCount(threads);
  const restore = threads > 1 ? prepareThreadedStart(threads) : () => undefined;
  let started: boolean;
  try {
    started = await tf.setBackend('wasm');
  } finally {
    restore();
  }
  if (!started) throw new Error('the wasm module failed to start (tfjs printed the cause above)');
  // emscripten refs the worker of each running pthread, and XNNPACK's pool threads never
  // end: unref them, or Node never exits.
  const { PThread } = (tf.backend() as unknown as { wasm: { PThread?: EmscriptenPThreads } }).wasm;
  for (const worker of PThread?.runningWorkers ?? []) worker.unref();
  return getThreadsCount();
}

interface EmscriptenPThreads {
  runningWorkers: { unref(): void }[];
}

/**
 * Undoes, while the module starts, what keeps the threaded build off Node; returns the undo.
 * - Its pthread workers load from a blob: URL, which worker_threads refuse: tfjs's worker
 *   Blob is the only `application/javascript` one made then, so it gets our file instead.
 * - Its C++ caps the pool at half the logical cores (it assumes two hyperthreads per
 *   core) when the module's constructors run: report twice the threads asked for.
 */
function prepareThreadedStart(threads: number): () => void {
  const { createObjectURL } = URL;
  const { cpus } = os;
  URL.createObjectURL = (obj) =>
    obj instanceof Blob && obj.type === 'application/javascript' ? workerPath : createObjectURL(obj);
  Object.assign(os, {
    cpus: () => {
      const real = cpus();
      return Array.from({ length: 2 * threads }, (_, i) => real[i % real.length]);
    },
  });
  return () => {
    URL.createObjectURL = createObjectURL;
    Object.assign(os, { cpus });
  };
}
