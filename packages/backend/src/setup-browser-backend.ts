import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendSelection } from './backend-selection.js';
import { browserWasmThreads, requestWasmThreads } from './browser-wasm-threads.js';
import { registerTrainingGradients } from './training-gradients.js';
import { tryBackends } from './try-backends.js';
import { startBrowserGemmWorkers } from './wasm-gemm/browser-gemm-workers.js';
import { gemmThreads, setGemmThreadPool } from './wasm-gemm/gemm-runtime.js';
import { registerWasmTrainingKernels } from './wasm-training-kernels.js';

export type BrowserBackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BrowserBackendOptions {
  /**
   * Where the .wasm files are, as `setWasmPaths` takes it: a bundler passes the URLs it
   * emits, so nothing is fetched from a CDN. Default: tfjs's own lookup.
   */
  wasmPaths?: Parameters<typeof setWasmPaths>[0];
}

type ConcreteChoice = Exclude<BrowserBackendChoice, 'auto'>;

/** Best first: the order `auto` tries. */
const AUTO_ORDER: readonly ConcreteChoice[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Checks what a backend needs before tfjs tries, so the reason shown is the real one. */
async function missingFeature(name: string): Promise<string | undefined> {
  if (name === 'webgpu') {
    const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
    if (!gpu) return 'navigator.gpu is missing (WebGPU is off in this browser)';
    return (await gpu.requestAdapter()) ? undefined : 'no WebGPU adapter (no usable GPU)';
  }
  if (name === 'webgl' && typeof OffscreenCanvas === 'undefined') return 'OffscreenCanvas is missing (needed in workers)';
  return undefined;
}

async function attempt(name: string, options: BrowserBackendOptions): Promise<string | undefined> {
  const missing = await missingFeature(name);
  if (missing) return missing;
  if (tf.findBackendFactory(name) === null) {
    return `not registered: the app must import @tensorflow/tfjs-backend-${name}`;
  }
  if (name !== 'wasm') return (await tf.setBackend(name)) ? undefined : `${name} failed to initialize`;
  if (options.wasmPaths !== undefined) setWasmPaths(options.wasmPaths);
  registerWasmTrainingKernels();
  const threads = browserWasmThreads();
  const undo = requestWasmThreads(threads);
  try {
    if (!(await tf.setBackend(name))) return `${name} failed to initialize`;
  } finally {
    undo();
  }
  // Our filter-gradient GEMM on as many threads (where this thread may block for them).
  setGemmThreadPool(await startBrowserGemmWorkers(threads));
  return undefined;
}

/**
 * Sets the tfjs backend in a browser page or worker. `auto` takes the first that starts of
 * webgpu, webgl, wasm with our training kernels, cpu; a named choice that cannot start falls
 * back to cpu, which always exists, so the page keeps working and can say why. Registers
 * our faster gradients for whichever starts.
 */
export async function setupBrowserBackend(
  choice: BrowserBackendChoice,
  options: BrowserBackendOptions = {},
): Promise<BackendSelection> {
  if (choice !== 'auto' && !AUTO_ORDER.includes(choice)) {
    throw new Error(`backend: expected one of auto, ${AUTO_ORDER.join(', ')}, got '${choice}'`);
  }
  registerTrainingGradients();
  const order = choice === 'auto' ? AUTO_ORDER : [...new Set([choice, 'cpu'])];
  const selection = await tryBackends(order, (name) => attempt(name, options));
  // Both pools' threads, XNNPACK's and our GEMM's: the fewer.
  return selection.backend === 'wasm' ? { ...selection, threads: Math.min(getThreadsCount(), gemmThreads()) } : selection;
}
