import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { values } from '../test-utils/compare.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../test-utils/webgpu-vs-cpu.js';
import { writeInCommandOrder } from './write-in-command-order.js';

// Past this size tfjs runs an op on the GPU even when its inputs were made on the CPU.
const SIZE = 2048;

describe('writeInCommandOrder on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  let backend: WebGPUBackend;
  beforeAll(async () => {
    await setUpWebGpu();
    backend = tf.backend() as WebGPUBackend;
  });
  afterAll(tearDownWebGpu);

  /** Submits what is recorded; what waits for a submit goes back to the pool. */
  const submit = () => {
    backend.ensureCommandEncoderReady();
    backend.submitQueue();
  };

  it('lands between the commands recorded before it and those after, all in one submit', async () => {
    const [oldValues, newValues] = [values(SIZE, 1), values(SIZE, 2)];
    const x = tf.tensor1d(oldValues);
    backend.uploadToGPU(x.dataId);
    // A fresh batch: tfjs submits every few dispatches, and the three below must share one.
    submit();
    const before = tf.add(x, x);
    writeInCommandOrder(backend, backend.tensorMap.get(x.dataId).resource as GPUBuffer, newValues);
    const after = tf.add(x, x);
    const doubled = (v: Float32Array) => Array.from(v.map((e) => Math.fround(e + e)));
    expect(Array.from((await before.data()) as Float32Array)).toEqual(doubled(oldValues));
    expect(Array.from((await after.data()) as Float32Array)).toEqual(doubled(newValues));
    tf.dispose([x, before, after]);
  });

  it('leaves no tensors or buffers behind', async () => {
    const x = tf.tensor1d(values(SIZE, 3));
    backend.uploadToGPU(x.dataId);
    submit();
    const buffersBefore = backend.bufferManager.getNumUsedBuffers();
    const before = liveTensors();
    writeInCommandOrder(backend, backend.tensorMap.get(x.dataId).resource as GPUBuffer, values(SIZE, 4));
    // The staging buffer goes back once its copy is submitted.
    submit();
    expect(liveTensors()).toEqual(before);
    expect(backend.bufferManager.getNumUsedBuffers()).toBe(buffersBefore);
    x.dispose();
  });
});
