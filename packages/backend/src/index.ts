export { registerWasmTrainingKernels, wasmTrainingKernels } from './wasm-training-kernels.js';
export { registerTrainingGradients, trainingGradients } from './training-gradients.js';
export type { BackendSelection, SkippedBackend } from './backend-selection.js';
export {
  setupBrowserBackend,
  type BrowserBackendChoice,
  type BrowserBackendOptions,
} from './setup-browser-backend.js';
