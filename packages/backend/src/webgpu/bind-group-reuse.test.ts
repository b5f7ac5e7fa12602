import { buildModel, modelLogits, tinySpec } from '@resnet/model';
import { createOptimizer, crossEntropy } from '@resnet/trainer';
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { values } from '../test-utils/compare.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../test-utils/webgpu-vs-cpu.js';
import { bindGroupReuseOf, reuseBindGroups, type BindGroupReuse } from './bind-group-reuse.js';

// Past this size tfjs runs an op on the GPU even when its inputs were made on the CPU.
const SIZE = 2048;

/** A few programs whose buffers come from tfjs's pool and go back to it. */
async function chain(seed: number): Promise<Float32Array> {
  const x = tf.tensor1d(values(SIZE, seed));
  const y = tf.tidy(() => tf.relu(tf.add(tf.mul(x, 2), x)));
  const data = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return data;
}

async function expectChainRight(seed: number): Promise<void> {
  const x = values(SIZE, seed);
  const expected = x.map((v) => Math.max(Math.fround(Math.fround(v * 2) + v), 0));
  expect(Array.from(await chain(seed))).toEqual(Array.from(expected));
}

describe('bind group reuse on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  let reuse: BindGroupReuse;
  let backend: WebGPUBackend;
  beforeAll(async () => {
    await setUpWebGpu();
    backend = tf.backend() as WebGPUBackend;
    const found = bindGroupReuseOf(backend);
    if (found === undefined) throw new Error('setupNodeBackend did not set up bind group reuse');
    reuse = found;
  });
  afterAll(tearDownWebGpu);

  it('hands out the lowest free buffer, whatever order the buffers were freed in', () => {
    const pool = backend.bufferManager;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const size = 1236; // a size no tensor here has
    const buffers = [0, 1, 2].map(() => pool.acquireBuffer(size, usage));
    const acquireOrder = (releaseOrder: number[]) => {
      for (const i of releaseOrder) pool.releaseBuffer(buffers[i]);
      return [0, 1, 2].map(() => buffers.indexOf(pool.acquireBuffer(size, usage)));
    };
    const first = acquireOrder([0, 1, 2]);
    expect(acquireOrder([2, 0, 1])).toEqual(first);
    expect(acquireOrder([1, 2, 0])).toEqual(first);
    for (const buffer of buffers) pool.releaseBuffer(buffer);
  });

  it('reuses bind groups whose buffers now hold other tensors, with right results', async () => {
    await expectChainRight(1);
    const before = reuse.hits;
    for (let seed = 2; seed < 6; seed++) await expectChainRight(seed);
    expect(reuse.hits - before).toBeGreaterThanOrEqual(4 * 3);
  });

  it('finds most of a training step’s bind groups again in later steps', async () => {
    const model = buildModel(tinySpec({ shortcut: 'projection' }), { seed: 3 });
    const { optimizer } = createOptimizer({ name: 'adam', lr: 1e-3 });
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const xs = tf.tensor4d(values(4 * 8 * 8 * 3, 7), [4, 8, 8, 3]);
    const ys = tf.tensor1d([0, 1, 2, 1]);
    let counted = { hits: 0, misses: 0 };
    for (let step = 0; step < 8; step++) {
      if (step === 4) counted = { hits: reuse.hits, misses: reuse.misses };
      const { value, grads } = tf.variableGrads(() => crossEntropy(modelLogits(model, xs, true), ys), variables);
      optimizer.applyGradients(grads);
      await value.data();
      tf.dispose([value, ...Object.values(grads)]);
    }
    const hits = reuse.hits - counted.hits;
    const misses = reuse.misses - counted.misses;
    // With tfjs's pool order (the buffer freed last first) about a fifth recur.
    expect(hits / (hits + misses)).toBeGreaterThan(0.5);
    tf.dispose([xs, ys]);
    optimizer.dispose();
    model.dispose();
  });

  it('past its limit drops the oldest groups, and results stay right', async () => {
    reuseBindGroups(backend, 1);
    try {
      const before = reuse.hits;
      for (let seed = 10; seed < 14; seed++) await expectChainRight(seed);
      // One group kept, and the chain's three programs take turns: none is found again.
      expect(reuse.hits).toBe(before);
    } finally {
      reuseBindGroups(backend);
    }
  });

  it('leaves no tensors behind', async () => {
    const before = liveTensors();
    for (let seed = 20; seed < 23; seed++) await chain(seed);
    expect(liveTensors()).toEqual(before);
  });
});
