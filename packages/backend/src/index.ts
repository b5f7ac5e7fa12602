export { registerWasmTrainingKernels, wasmTrainingKernels } from './wasm-training-kernels.js';
