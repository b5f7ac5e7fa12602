import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../index.js';
import { gemmRuntime, setGemmThreadPool, type GemmThreadPool } from '../wasm-gemm/gemm-runtime.js';
import { startGemmWorkers } from './gemm-workers.js';
import { initWasmBackend } from './wasm-threads.js';

/** The parts of tfjs's wasm module that resize XNNPACK's pool (the count is capped at start). */
interface WasmPool {
  wasm: { tfjs: { initWithThreadsCount(threads: number): void; getThreadsCount(): number } };
}

let gemmPool: GemmThreadPool;

/** XNNPACK's pool and our GEMM's (the filter gradient) on `threads` threads. */
async function useThreads(threads: number): Promise<void> {
  const { tfjs } = (tf.backend() as unknown as WasmPool).wasm;
  tfjs.initWithThreadsCount(threads);
  expect(tfjs.getThreadsCount()).toBe(threads);
  // Replacing a pool ends its workers: start a new one.
  if (threads > 1) gemmPool = await startGemmWorkers(threads);
  setGemmThreadPool(threads === 1 ? undefined : gemmPool);
}

/**
 * Loss and gradients of a small conv net over strides 1 and 2, 'same' and 'valid', 3x3 and 1x1,
 * with a 3x3 layer at stride 1 that Winograd's transforms compute (16 -> 32: its 512 filter
 * pairs and 324 tiles are claimed by both threads).
 */
function convNetGradients(): Float32Array[] {
  const x = tf.randomNormal([4, 17, 17, 3], 0, 1, 'float32', 1);
  const w1 = tf.randomNormal([3, 3, 3, 16], 0, 0.3, 'float32', 2);
  const winograd = tf.randomNormal([3, 3, 16, 32], 0, 0.1, 'float32', 5);
  const w2 = tf.randomNormal([3, 3, 32, 24], 0, 0.1, 'float32', 3);
  const w3 = tf.randomNormal([1, 1, 24, 8], 0, 0.2, 'float32', 4);
  const loss = (input: tf.Tensor, a: tf.Tensor, w: tf.Tensor, b: tf.Tensor, c: tf.Tensor): tf.Scalar => {
    let y = tf.relu(tf.conv2d(input as tf.Tensor4D, a as tf.Tensor4D, 1, 'same'));
    y = tf.relu(tf.conv2d(y, w as tf.Tensor4D, 1, 'same'));
    y = tf.relu(tf.conv2d(y, b as tf.Tensor4D, 2, 'valid'));
    y = tf.conv2d(y, c as tf.Tensor4D, 1, 'same');
    return tf.mean(tf.square(y));
  };
  const { value, grads } = tf.valueAndGrads(loss)([x, w1, winograd, w2, w3]);
  const out = [value, ...grads].map((t) => t.dataSync() as Float32Array);
  tf.dispose([x, w1, winograd, w2, w3, value, ...grads]);
  return out;
}

function maxRelativeError(actual: Float32Array, expected: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / scale;
}

const refedMessagePorts = (): number =>
  process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort').length;

const refedWorkers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Worker').length;

describe('wasm threads in Node (threaded SIMD build, XNNPACK pool, our GEMM workers)', () => {
  /** Refed ports and workers before and after the setup, which is what a CLI run does. */
  const held = { before: [0, 0], after: [0, 0] };
  beforeAll(async () => {
    registerWasmTrainingKernels();
    held.before = [refedMessagePorts(), refedWorkers()];
    expect(await initWasmBackend(2)).toBe(2);
    gemmPool = await startGemmWorkers(2);
    setGemmThreadPool(gemmPool);
    held.after = [refedMessagePorts(), refedWorkers()];
  });

  it('leaves no pthread or GEMM worker holding the process open', () => {
    expect(held.after).toEqual(held.before);
  });

  it('reports a GEMM worker that fails instead of waiting for it forever', () => {
    // Its block counter lies past the end of the memory, however far other tests grew it: it traps.
    const end = gemmRuntime().memory.buffer.byteLength;
    // filterGrad(tapPtrs, taps, dy, out, counter, claims, blocksPerImage, blockRows, imageRows, rowLen, ...strides, cin, cout)
    gemmPool.start({ fn: 'filterGrad', args: [end, 1, end, 2 ** 31 - 1024, end + 64, 2, 1, 1, 1, 8, 0, 0, 4, 8] });
    // The caller has no share here: give the worker time to join before wait() closes the call.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    expect(() => gemmPool.wait()).toThrow(/GEMM thread 1 failed/);
  });

  it('gives a conv net the same loss and gradients on 2 threads as on 1', async () => {
    await useThreads(2);
    const twoThreads = convNetGradients();
    await useThreads(1);
    const oneThread = convNetGradients();
    await useThreads(2);
    expect(twoThreads.map((t) => t.length)).toEqual([1, 4 * 17 * 17 * 3, 3 * 3 * 3 * 16, 3 * 3 * 16 * 32, 3 * 3 * 32 * 24, 24 * 8]);
    twoThreads.forEach((t, i) => expect(maxRelativeError(t, oneThread[i])).toBeLessThan(1e-5));
    expect(Math.abs(twoThreads[0][0])).toBeGreaterThan(0);
  });

  it('trains a tiny convnet on 2 threads without leaking tensors between epochs', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
    const xs = tf.randomUniform([16, 8, 8, 3], 0, 1, 'float32', 5);
    const ys = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 'float32');
    const counts: number[] = [];
    const losses: number[] = [];
    await model.fit(xs, ys, {
      epochs: 3,
      batchSize: 8,
      shuffle: false,
      callbacks: {
        onEpochEnd: (_epoch, logs) => {
          counts.push(tf.memory().numTensors);
          losses.push(logs?.loss ?? Number.NaN);
        },
      },
    });
    expect(new Set(counts).size).toBe(1);
    expect(losses.every(Number.isFinite)).toBe(true);
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
