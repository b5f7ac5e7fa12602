import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { chooseBackend, type BackendChoiceResult } from '../logic/backend-choice.js';
import type { BackendChoice } from '../protocol.js';
import { prepareWasmBackend } from './wasm-backend.js';

/** Checks a GPU exists before tfjs tries, so the reason shown is the real one. */
async function webgpuMissing(): Promise<string | undefined> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'navigator.gpu is missing (WebGPU is off in this browser)';
  return (await gpu.requestAdapter()) ? undefined : 'no WebGPU adapter (no usable GPU)';
}

async function attempt(name: string): Promise<string | undefined> {
  if (name === 'webgpu') {
    const missing = await webgpuMissing();
    if (missing) return missing;
  }
  if (name === 'webgl' && typeof OffscreenCanvas === 'undefined') return 'OffscreenCanvas is missing in workers';
  if (name === 'wasm') prepareWasmBackend();
  if (!(await tf.setBackend(name))) return `${name} failed to initialize`;
  await tf.ready();
  return undefined;
}

/** Starts the chosen backend (or the best one, for `auto`) in this worker. */
export function startBackend(choice: BackendChoice): Promise<BackendChoiceResult> {
  return chooseBackend(choice, attempt);
}
