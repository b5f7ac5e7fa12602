import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendSelection } from './backend-selection.js';
import { BackendUnavailableError } from './backend-unavailable-error.js';
import { browserWasmThreads, requestWasmThreads } from './browser-wasm-threads.js';
import { selectBackend, type BackendCandidate, type SelectBackendOptions } from './select-backend.js';
import { startBrowserGemmWorkers } from './wasm-gemm/browser-gemm-workers.js';
import { gemmThreads, setGemmThreadPool } from './wasm-gemm/gemm-runtime.js';
import { registerWasmTrainingKernels } from './wasm-training-kernels.js';
import { webglRenderer } from './webgl-renderer.js';
import { startWebGpu } from './webgpu/start-webgpu.js';

export type BrowserBackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BrowserBackendOptions extends SelectBackendOptions {
  /**
   * Where the .wasm files are, as `setWasmPaths` takes it: a bundler passes the URLs it
   * emits, so nothing is fetched from a CDN. Default: tfjs's own lookup.
   */
  wasmPaths?: Parameters<typeof setWasmPaths>[0];
}

type BrowserBackendName = Exclude<BrowserBackendChoice, 'auto'>;

async function setTfjsBackend(name: string): Promise<void> {
  if (tf.findBackendFactory(name) === null) {
    throw new BackendUnavailableError(`not registered: the app must import @tensorflow/tfjs-backend-${name}`);
  }
  if (!(await tf.setBackend(name))) throw new BackendUnavailableError(`${name} failed to initialize`);
}

/** Best first: the order `auto` tries. */
function browserCandidates(options: BrowserBackendOptions): BackendCandidate<BrowserBackendName>[] {
  return [
    {
      name: 'webgpu',
      trainingGradients: true,
      start: (named) =>
        startWebGpu(
          {
            gpu: (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu,
            missingGpu: 'navigator.gpu is missing (WebGPU is off in this browser)',
            noAdapter: async () => 'no WebGPU adapter (no usable GPU)',
          },
          named,
        ),
    },
    {
      name: 'webgl',
      trainingGradients: true,
      async start(named) {
        if (typeof OffscreenCanvas === 'undefined') throw new BackendUnavailableError('OffscreenCanvas is missing (needed in workers)');
        const renderer = webglRenderer();
        if (renderer?.software && !named) {
          throw new BackendUnavailableError(`only a software renderer (${renderer.renderer}): far slower than wasm; ask for webgl by name to use it anyway`);
        }
        await setTfjsBackend('webgl');
        return {};
      },
    },
    {
      name: 'wasm',
      trainingGradients: true,
      async start() {
        if (options.wasmPaths !== undefined) setWasmPaths(options.wasmPaths);
        registerWasmTrainingKernels();
        const threads = browserWasmThreads();
        const undo = requestWasmThreads(threads);
        try {
          await setTfjsBackend('wasm');
        } finally {
          undo();
        }
        // Our filter-gradient GEMM on as many threads (where this thread may block for them).
        setGemmThreadPool(await startBrowserGemmWorkers(threads));
        // Both pools' threads, XNNPACK's and our GEMM's: the fewer.
        return { threads: Math.min(getThreadsCount(), gemmThreads()) };
      },
    },
    {
      name: 'cpu',
      trainingGradients: true,
      async start() {
        await setTfjsBackend('cpu');
        return {};
      },
    },
  ];
}

/**
 * Sets the tfjs backend in a browser page or worker: `auto` takes the first that starts of
 * webgpu and webgl (on hardware, not software rasterizers), wasm with our training kernels
 * and threads, cpu;
 * a named backend that cannot start is an error with the reason (see `selectBackend`).
 */
export function setupBrowserBackend(choice: BrowserBackendChoice, options: BrowserBackendOptions = {}): Promise<BackendSelection> {
  return selectBackend(choice, browserCandidates(options), options);
}
