export { registerWasmTrainingKernels, wasmTrainingKernels } from './wasm-training-kernels.js';
export { registerWebGpuTrainingKernels, webGpuTrainingKernels } from './webgpu/webgpu-training-kernels.js';
export { trainingGradients, useTrainingGradients } from './training-gradients.js';
export {
  describeAdapter,
  describeSelection,
  type BackendSelection,
  type GpuAdapterReport,
  type SkippedBackend,
} from './backend-selection.js';
export { BackendUnavailableError } from './backend-unavailable-error.js';
export { selectBackend, type BackendCandidate, type SelectBackendOptions, type StartedBackend } from './select-backend.js';
export {
  setupBrowserBackend,
  type BrowserBackendChoice,
  type BrowserBackendOptions,
} from './setup-browser-backend.js';
