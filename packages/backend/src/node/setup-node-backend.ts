import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BackendSelection } from '../backend-selection.js';
import { BackendUnavailableError } from '../backend-unavailable-error.js';
import { MAX_WASM_THREADS } from '../max-wasm-threads.js';
import { selectBackend, type BackendCandidate, type SelectBackendOptions } from '../select-backend.js';
import { setGemmThreadPool } from '../wasm-gemm/gemm-runtime.js';
import { registerWasmTrainingKernels } from '../wasm-training-kernels.js';
import { startWebGpu } from '../webgpu/start-webgpu.js';
import { dawnGpu, lendNavigatorGpu, takeBackNavigatorGpu } from './dawn-gpu.js';
import { startGemmWorkers } from './gemm-workers.js';
import { startNativeBackend, type ImportModule } from './native-backend.js';
import { enableRelaxedSimd } from './relaxed-simd-flag.js';
import { diagnoseNoAdapter } from './vulkan-diagnosis.js';
import { initWasmBackend } from './wasm-threads.js';

export type NodeBackendChoice = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';

export interface NodeBackendOptions extends SelectBackendOptions {
  /** wasm threads; default: the available cores, at most 8. */
  threads?: number;
  /**
   * Loads the optional packages (tfjs-node, tfjs-node-gpu, webgpu). The default resolves them
   * from @resnet/backend; an app that lists them in its own dependencies passes `(s) => import(s)`.
   */
  importModule?: ImportModule;
}

type NodeBackendName = Exclude<NodeBackendChoice, 'auto'>;

/** Best first: the order `auto` tries. */
function nodeCandidates(options: NodeBackendOptions): BackendCandidate<NodeBackendName>[] {
  const importModule = options.importModule ?? ((specifier: string) => import(specifier));
  return [
    {
      name: 'tensorflow-gpu',
      tfjsName: 'tensorflow',
      trainingGradients: false,
      async start() {
        if (!(await startNativeBackend('@tensorflow/tfjs-node-gpu', importModule))) {
          throw new BackendUnavailableError('TensorFlow found no GPU (CUDA driver or libraries missing)');
        }
        return {};
      },
    },
    {
      name: 'tensorflow',
      trainingGradients: false,
      async start() {
        // tfjs-node-gpu, loaded without a GPU, already runs libtensorflow on the CPU, as
        // tfjs-node would; loading a second libtensorflow next to it could clash.
        if (tf.findBackendFactory('tensorflow') !== null) {
          if (!(await tf.setBackend('tensorflow'))) throw new BackendUnavailableError('its backend failed to start');
        } else {
          await startNativeBackend('@tensorflow/tfjs-node', importModule);
        }
        return {};
      },
    },
    {
      name: 'webgpu',
      trainingGradients: true,
      async start(named) {
        const gpu = await dawnGpu(importModule);
        lendNavigatorGpu(gpu);
        try {
          return await startWebGpu({ gpu, missingGpu: '', noAdapter: async () => diagnoseNoAdapter() }, named);
        } catch (error) {
          takeBackNavigatorGpu();
          throw error;
        }
      },
    },
    {
      name: 'wasm',
      trainingGradients: true,
      async start() {
        registerWasmTrainingKernels();
        enableRelaxedSimd();
        const threads = await initWasmBackend(options.threads ?? Math.min(os.availableParallelism(), MAX_WASM_THREADS));
        setGemmThreadPool(threads > 1 ? await startGemmWorkers(threads) : undefined);
        return { threads };
      },
    },
    {
      name: 'cpu',
      trainingGradients: true,
      async start() {
        if (!(await tf.setBackend('cpu'))) throw new BackendUnavailableError('the cpu backend failed to start');
        return {};
      },
    },
  ];
}

/**
 * Sets the tfjs backend for training in Node: `auto` takes the first that starts of
 * tfjs-node-gpu (on a GPU), tfjs-node, webgpu through Dawn (on a hardware adapter), wasm with
 * our training kernels and threads, cpu; a named backend that cannot start is an error with
 * the reason (see `selectBackend`).
 */
export function setupNodeBackend(choice: NodeBackendChoice, options: NodeBackendOptions = {}): Promise<BackendSelection> {
  return selectBackend(choice, nodeCandidates(options), options);
}

/**
 * Frees what the running backend holds outside the JavaScript heap: the GPU device and
 * Dawn's reference on webgpu. Call it when done, before the process ends.
 */
export function releaseNodeBackend(): void {
  if (tf.engine().registry.webgpu !== undefined) tf.removeBackend('webgpu');
  takeBackNavigatorGpu();
}
