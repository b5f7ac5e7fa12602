import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { releaseNodeBackend, setupNodeBackend } from '../node/setup-node-backend.js';
import { runOn, type Outcome } from './compare.js';
import { useSwiftShader } from './swiftshader.js';

/** Starts webgpu with our kernels through Dawn on SwiftShader (no GPU on the test machines). */
export async function setUpWebGpu(): Promise<void> {
  useSwiftShader();
  await setupNodeBackend('webgpu');
}

/** Frees the device, so the test process can end. */
export async function tearDownWebGpu(): Promise<void> {
  await tf.setBackend('cpu');
  releaseNodeBackend();
}

/**
 * The webgpu result of `f` and the cpu backend's. `f` makes its inputs on each backend: in
 * Node, webgpu tensors cannot move to cpu synchronously.
 */
export async function webGpuAndCpu(f: () => tf.Tensor): Promise<{ webgpu: Outcome; cpu: Outcome }> {
  const cpu = await runOn('cpu', f);
  const webgpu = await runOn('webgpu', f);
  return { webgpu, cpu };
}

/** Tensors the engine tracks and buffers the active backend holds: both flat when a kernel frees its intermediates. */
export function liveTensors(): [number, number] {
  return [tf.memory().numTensors, tf.backend().numDataIds()];
}

/** The shader keys of the programs (one dispatch each) that `f` runs on webgpu, in order. */
export function programsRun(f: () => void): string[] {
  const backend = tf.backend() as WebGPUBackend;
  const run = backend.runWebGPUProgram;
  const keys: string[] = [];
  backend.runWebGPUProgram = (program, ...rest) => {
    keys.push(program.shaderKey);
    return run.call(backend, program, ...rest);
  };
  try {
    f();
  } finally {
    backend.runWebGPUProgram = run;
  }
  return keys;
}
