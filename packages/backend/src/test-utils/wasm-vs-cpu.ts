import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../index.js';
import { runOn, type Outcome } from './compare.js';

/** Registers our kernels and starts the wasm backend (single-threaded SIMD in Node). */
export async function setUpWasm(): Promise<void> {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  await tf.ready();
}

/** The wasm result of `f` (with our kernels) and the cpu backend's, for comparison. */
export async function wasmAndCpu(f: () => tf.Tensor): Promise<{ wasm: Outcome; cpu: Outcome }> {
  const cpu = await runOn('cpu', f);
  const wasm = await runOn('wasm', f);
  return { wasm, cpu };
}
