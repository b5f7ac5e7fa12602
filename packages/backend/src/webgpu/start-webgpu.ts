import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { describeAdapter, type GpuAdapterReport } from '../backend-selection.js';
import { BackendUnavailableError } from '../backend-unavailable-error.js';
import type { StartedBackend } from '../select-backend.js';
import { adapterReport } from './adapter-report.js';
import { reuseBindGroups } from './bind-group-reuse.js';
import { reuseUniforms } from './uniform-reuse.js';
import { registerWebGpuTrainingKernels } from './webgpu-training-kernels.js';

export interface WebGpuPlatform {
  /** navigator.gpu, or undefined with the reason it is missing. */
  gpu: GPU | undefined;
  missingGpu: string;
  /** Why no adapter came back, as precisely as the platform can tell. */
  noAdapter(): Promise<string>;
}

/** The adapter of the webgpu backend we registered. */
let startedOn: GpuAdapterReport | undefined;

/**
 * Starts tfjs's webgpu backend on the adapter we report, with our training kernels. A
 * software adapter starts only when named: it is far slower than wasm.
 */
export async function startWebGpu(platform: WebGpuPlatform, named: boolean): Promise<StartedBackend> {
  const { gpu } = platform;
  if (gpu === undefined) throw new BackendUnavailableError(platform.missingGpu);
  // A webgpu backend already running keeps its device and tensors; else ours starts on the adapter reported.
  const running = tf.engine().registry.webgpu !== undefined;
  let report = running ? startedOn : undefined;
  let adapter: GPUAdapter | null = null;
  if (report === undefined) {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter === null) throw new BackendUnavailableError(await platform.noAdapter());
    report = adapterReport(adapter);
  }
  if (report.software && !named) {
    throw new BackendUnavailableError(
      `only a software adapter (${describeAdapter(report)}): far slower than wasm; ask for webgpu by name to use it anyway`,
    );
  }
  registerWebGpuTrainingKernels();
  if (!running && adapter !== null) {
    // Ours replaces the factory tfjs-backend-webgpu registers on import, so the adapter that
    // runs is the one reported (and the backend exists in Node, where navigator.gpu comes late).
    if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
    let unused: GPUAdapter | null = adapter;
    tf.registerBackend('webgpu', async () => {
      // An adapter makes one device: a backend made again (after tf.engine().reset()) needs a new one.
      const next = unused ?? (await gpu.requestAdapter({ powerPreference: 'high-performance' }));
      unused = null;
      if (next === null) throw new BackendUnavailableError(await platform.noAdapter());
      return createBackend(next);
    });
    startedOn = report;
  }
  if (!(await tf.setBackend('webgpu'))) throw new BackendUnavailableError('the webgpu backend failed to start (tfjs printed the cause above)');
  return { adapter: report };
}

/**
 * The device tfjs-backend-webgpu would ask for (the adapter's limits, timestamps when there are
 * any), and as many storage buffers per shader as the adapter allows: tfjs binds every input
 * of AddN and Concat at once, and the default of 8 refuses a loss with many weight penalties.
 * Its uniform buffers and bind groups are reused from step to step (less CPU work per dispatch).
 */
async function createBackend(adapter: GPUAdapter): Promise<WebGPUBackend> {
  const { limits } = adapter;
  const requiredFeatures = (['timestamp-query', 'bgra8unorm-storage'] as const).filter((f) => adapter.features.has(f));
  const device = await adapter.requestDevice({
    requiredFeatures,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
    },
  });
  const backend = new WebGPUBackend(device, adapter.info);
  reuseUniforms(backend);
  reuseBindGroups(backend);
  return backend;
}

