import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { values } from '../test-utils/compare.js';
import { setUpWasm, wasmAndCpu } from '../test-utils/wasm-vs-cpu.js';
import { tileConfig } from './tile.js';

const cases: Array<{ shape: number[]; reps: number[]; dtype: 'float32' | 'int32'; path: string }> = [
  { shape: [1, 1, 1, 5], reps: [2, 3, 7, 1], dtype: 'float32', path: 'copy (x repeated whole)' },
  { shape: [1, 1, 1, 5], reps: [2, 3, 5, 1], dtype: 'float32', path: 'copy (x repeated whole, not a power of 2)' },
  { shape: [1, 2, 3], reps: [3, 2, 1], dtype: 'float32', path: 'copy (x repeated whole)' },
  { shape: [1, 3], reps: [4, 1], dtype: 'int32', path: 'copy (int32)' },
  { shape: [2, 3], reps: [1, 1], dtype: 'float32', path: 'copy (no-op)' },
  { shape: [3, 1, 4], reps: [1, 6, 1], dtype: 'float32', path: 'broadcast add' },
  { shape: [2, 3], reps: [2, 2], dtype: 'float32', path: 'stock (repeats inner data)' },
  { shape: [2, 1], reps: [1, 3], dtype: 'int32', path: 'stock (int32 broadcast)' },
];

describe('Tile on wasm', () => {
  beforeAll(setUpWasm);

  it('replaces the stock wasm kernel', () => {
    expect(tf.getKernel('Tile', 'wasm')).toBe(tileConfig);
  });

  it.each(cases)('equals cpu: $shape x $reps, $dtype, $path', async ({ shape, reps, dtype }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = dtype === 'int32' ? Int32Array.from(values(size, 7), (v) => Math.round(v * 100)) : values(size, 7);
    const { wasm, cpu } = await wasmAndCpu(() => tf.tile(tf.tensor(data, shape, dtype), reps));
    expect(wasm.shape).toEqual(cpu.shape);
    expect(Array.from(wasm.data)).toEqual(Array.from(cpu.data));
  });
});
