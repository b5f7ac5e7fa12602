import * as tf from '@tensorflow/tfjs';

/** max |actual - expected| / max |expected|, over all elements. */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    throw new Error(`length ${actual.length} differs from expected ${expected.length}`);
  }
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < actual.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
    maxRef = Math.max(maxRef, Math.abs(expected[i]));
  }
  return maxRef === 0 ? maxDiff : maxDiff / maxRef;
}

/** Deterministic values in [-1, 1] that no two test tensors share. */
export function values(size: number, seed: number): Float32Array {
  return Float32Array.from({ length: size }, (_, i) => Math.sin(i * 0.731 + seed * 1.917));
}

export interface Outcome {
  shape: number[];
  data: Float32Array | Int32Array | Uint8Array;
}

/** Runs `f` on the given backend and reads its result back. */
export async function runOn(backend: string, f: () => tf.Tensor): Promise<Outcome> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const data = (await out.data()) as Outcome['data'];
  const shape = out.shape;
  out.dispose();
  return { shape, data };
}

/** Runs `f` on the given backend and reads back each tensor it returns, as float32. */
export async function runManyOn(backend: string, f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(f);
  const data = await Promise.all(outs.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(outs);
  return data;
}
