import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { values } from '../test-utils/compare.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../test-utils/webgpu-vs-cpu.js';
import { reuseUniforms, uniformReuseOf, type UniformReuse } from './uniform-reuse.js';

// Past this size tfjs runs an op on the GPU even when its inputs were made on the CPU.
const SIZE = 2048;
const input = (seed: number) => tf.tensor1d(values(SIZE, seed));

/** clipByValue's bounds are uniforms of its program: one pipeline, a uniform per bound pair. */
async function clipped(x: tf.Tensor, min: number, max: number): Promise<Float32Array> {
  const y = tf.clipByValue(x, min, max);
  const data = (await y.data()) as Float32Array;
  y.dispose();
  return data;
}

function expectClipped(actual: Float32Array, x: Float32Array, min: number, max: number): void {
  const expected = x.map((v) => Math.min(Math.max(v, min), max));
  expect(Array.from(actual)).toEqual(Array.from(expected));
}

describe('uniform buffer reuse on webgpu (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  let reuse: UniformReuse;
  let backend: WebGPUBackend;
  beforeAll(async () => {
    await setUpWebGpu();
    backend = tf.backend() as WebGPUBackend;
    const found = uniformReuseOf(backend);
    if (found === undefined) throw new Error('setupNodeBackend did not set up uniform reuse');
    reuse = found;
  });
  afterAll(tearDownWebGpu);

  it('writes a program’s uniforms once and reuses them when it runs again on the same shapes', async () => {
    const [a, b] = [input(1), input(2)];
    const before = { hits: reuse.hits, misses: reuse.misses };
    const first = tf.add(a, b);
    await first.data();
    const afterFirst = { hits: reuse.hits, misses: reuse.misses };
    const second = tf.add(b, a);
    const data = await second.data();
    expect(afterFirst.hits + afterFirst.misses).toBeGreaterThan(before.hits + before.misses);
    expect(reuse.misses).toBe(afterFirst.misses);
    expect(reuse.hits).toBe(afterFirst.hits + 1);
    const [va, vb] = [values(SIZE, 1), values(SIZE, 2)];
    expect(Array.from(data)).toEqual(Array.from(va.map((v, i) => Math.fround(v + vb[i]))));
    tf.dispose([a, b, first, second]);
  });

  it('gives the same program with other uniform values their own buffer: right results in any order', async () => {
    const x = input(3);
    const xv = values(SIZE, 3);
    const bounds: Array<[number, number]> = [
      [-0.5, 0.5],
      [-0.25, 0.75],
      [0, 0.1],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [min, max] of round === 1 ? [...bounds].reverse() : bounds) expectClipped(await clipped(x, min, max), xv, min, max);
    }
    x.dispose();
  });

  it('tells -0 from 0 in a float uniform', async () => {
    const x = tf.fill([SIZE], -5);
    const zero = await clipped(x, 0, 1);
    const negativeZero = await clipped(x, -0, 1);
    expect(Object.is(zero[0], 0)).toBe(true);
    expect(Object.is(negativeZero[0], -0)).toBe(true);
    x.dispose();
  });

  it('past its limit gives the oldest buffers back to tfjs’s pool, and results stay right', async () => {
    reuseUniforms(backend, 2);
    try {
      const x = input(4);
      const xv = values(SIZE, 4);
      const usedAfterRound: number[] = [];
      for (let round = 0; round < 4; round++) {
        for (let k = 1; k <= 5; k++) expectClipped(await clipped(x, -k / 10, k / 10), xv, -k / 10, k / 10);
        usedAfterRound.push(backend.bufferManager.getNumUsedBuffers());
      }
      // Five bound pairs through two kept buffers: each round writes five, and gives five back.
      expect(usedAfterRound[3]).toBe(usedAfterRound[1]);
      x.dispose();
    } finally {
      reuseUniforms(backend);
    }
  });

  it('leaves no tensors behind', async () => {
    const x = input(5);
    const before = liveTensors();
    for (let k = 0; k < 3; k++) await clipped(x, -k, k);
    expect(liveTensors()).toEqual(before);
    x.dispose();
  });
});
