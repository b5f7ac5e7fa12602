import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BackendSelection } from '../backend-selection.js';
import { registerTrainingGradients, registerWasmTrainingKernels } from '../index.js';
import { setGemmThreadPool } from '../wasm-gemm/gemm-runtime.js';
import { startGemmWorkers } from './gemm-workers.js';
import { BackendUnavailableError, startNativeBackend, type ImportModule } from './native-backend.js';
import { MAX_WASM_THREADS } from '../max-wasm-threads.js';
import { initWasmBackend } from './wasm-threads.js';

export type NodeBackendChoice = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export interface NodeBackendOptions {
  /** wasm threads; default: the available cores, at most 8. */
  threads?: number;
  /** Receives one line per backend tried. */
  log?: (line: string) => void;
  /**
   * Loads the optional native packages. The default resolves them from @resnet/backend; an
   * app that lists them in its own dependencies passes `(s) => import(s)` from its code.
   */
  importModule?: ImportModule;
}

type ConcreteChoice = Exclude<NodeBackendChoice, 'auto'>;

const AUTO_ORDER: readonly ConcreteChoice[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/**
 * Sets the tfjs backend for training in Node. `auto` takes the first that starts of
 * tfjs-node-gpu (on a GPU), tfjs-node, wasm with our training kernels and threads, cpu;
 * a named choice that cannot start is an error that says why. Registers our faster
 * gradients for whichever starts.
 */
export async function setupNodeBackend(
  choice: NodeBackendChoice,
  options: NodeBackendOptions = {},
): Promise<BackendSelection> {
  const log = options.log ?? (() => undefined);
  if (choice !== 'auto' && !AUTO_ORDER.includes(choice)) {
    throw new Error(`backend: expected one of auto, ${AUTO_ORDER.join(', ')}, got '${choice}'`);
  }
  registerTrainingGradients();
  const candidates = choice === 'auto' ? AUTO_ORDER : [choice];
  const skipped: BackendSelection['skipped'] = [];
  for (const candidate of candidates) {
    try {
      const selection = { ...(await start(candidate, options)), skipped };
      log(`backend: ${describe(selection)}`);
      return selection;
    } catch (error) {
      if (!(error instanceof BackendUnavailableError) || choice !== 'auto') {
        throw new Error(`backend '${candidate}' is unavailable: ${(error as Error).message}`, { cause: error });
      }
      log(`backend: skipped ${candidate}: ${error.message}`);
      skipped.push({ name: candidate, reason: error.message });
    }
  }
  throw new Error(`no backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

async function start(
  choice: ConcreteChoice,
  options: NodeBackendOptions,
): Promise<Omit<BackendSelection, 'skipped'>> {
  const importModule = options.importModule ?? ((specifier: string) => import(specifier));
  switch (choice) {
    case 'tensorflow-gpu': {
      if (!(await startNativeBackend('@tensorflow/tfjs-node-gpu', importModule))) {
        throw new BackendUnavailableError('TensorFlow found no GPU (CUDA driver or libraries missing)');
      }
      return { backend: 'tensorflow' };
    }
    case 'tensorflow':
      // tfjs-node-gpu, loaded without a GPU, already runs libtensorflow on the CPU, as
      // tfjs-node would; loading a second libtensorflow next to it could clash.
      if (tf.findBackendFactory('tensorflow') !== null) {
        if (!(await tf.setBackend('tensorflow'))) throw new BackendUnavailableError('its backend failed to start');
      } else {
        await startNativeBackend('@tensorflow/tfjs-node', importModule);
      }
      return { backend: 'tensorflow' };
    case 'wasm': {
      registerWasmTrainingKernels();
      const threads = await wasmStart(options.threads ?? Math.min(os.availableParallelism(), MAX_WASM_THREADS));
      setGemmThreadPool(threads > 1 ? await startGemmWorkers(threads) : undefined);
      return { backend: 'wasm', threads };
    }
    case 'cpu':
      if (!(await tf.setBackend('cpu'))) throw new BackendUnavailableError('the cpu backend failed to start');
      return { backend: 'cpu' };
  }
}

async function wasmStart(threads: number): Promise<number> {
  try {
    return await initWasmBackend(threads);
  } catch (error) {
    throw new BackendUnavailableError((error as Error).message, { cause: error });
  }
}

function describe(selection: BackendSelection): string {
  return selection.threads === undefined ? selection.backend : `${selection.backend} (${selection.threads} threads)`;
}
