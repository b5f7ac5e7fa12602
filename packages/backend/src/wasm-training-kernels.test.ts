import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from './test-utils/compare.js';
import { setUpWasm } from './test-utils/wasm-vs-cpu.js';
import { registerWasmTrainingKernels, wasmTrainingKernels } from './index.js';

/** conv-BN-ReLU, a stride-2 residual block with a 1x1 projection, pooling, softmax. */
function tinyResNet(seed: number): tf.LayersModel {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  const convBn = (x: tf.SymbolicTensor, filters: number, kernelSize: number, strides: number, s: number) =>
    tf.layers.batchNormalization().apply(
      tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', kernelInitializer: init(s) }).apply(x),
    ) as tf.SymbolicTensor;
  const input = tf.input({ shape: [9, 9, 3] });
  const stem = tf.layers.reLU().apply(convBn(input, 4, 3, 1, 1)) as tf.SymbolicTensor;
  const branch = convBn(tf.layers.reLU().apply(convBn(stem, 6, 3, 2, 2)) as tf.SymbolicTensor, 6, 3, 1, 3);
  const shortcut = convBn(stem, 6, 1, 2, 4);
  const joined = tf.layers.reLU().apply(tf.layers.add().apply([branch, shortcut])) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(joined);
  const output = tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(5) }).apply(pooled);
  return tf.model({ inputs: input, outputs: output as tf.SymbolicTensor });
}

/** Images whose class is the brightest of three image regions: learnable in a few steps. */
function batch(step: number, size: number): { xs: tf.Tensor4D; ys: tf.Tensor1D } {
  return tf.tidy(() => {
    const xs = tf.tensor4d(values(size * 9 * 9 * 3, 100 + step), [size, 9, 9, 3]).mul(0.5);
    const labels = Array.from({ length: size }, (_, i) => (i + step) % 3);
    const bright = tf.oneHot(tf.tensor1d(labels, 'int32'), 3).reshape([size, 1, 1, 3]);
    return { xs: xs.add(bright) as tf.Tensor4D, ys: tf.tensor1d(labels, 'float32') };
  });
}

describe('registerWasmTrainingKernels', () => {
  beforeAll(setUpWasm);

  it('registers every kernel of the list for wasm and is idempotent', () => {
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    for (const config of wasmTrainingKernels) {
      expect(config.backendName).toBe('wasm');
      expect(tf.getKernel(config.kernelName, 'wasm')).toBe(config);
    }
    expect(new Set(wasmTrainingKernels.map((k) => k.kernelName)).size).toBe(wasmTrainingKernels.length);
  });

  it("gives a residual net's weight gradients equal to the cpu backend's", async () => {
    const grads = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const model = tinyResNet(7);
      const { xs, ys } = batch(0, 4);
      const { grads } = tf.variableGrads(() =>
        tf.losses.softmaxCrossEntropy(tf.oneHot(ys.toInt(), 3), model.apply(xs, { training: true }) as tf.Tensor),
      );
      const flat = tf.concat(Object.values(grads).map((g) => g.flatten()));
      const data = await flat.data();
      tf.dispose([xs, ys, flat, ...Object.values(grads)]);
      model.dispose();
      return data;
    };
    const cpu = await grads('cpu');
    const wasm = await grads('wasm');
    expect(maxRelativeError(wasm, cpu)).toBeLessThan(1e-4);
  });

  it('trains a tiny residual net on wasm: loss falls, tensor and buffer counts flat across epochs', async () => {
    await tf.setBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const model = tinyResNet(11);
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
    const epochLoss: number[] = [];
    const tensorsAfterEpoch: number[] = [];
    // Our kernels free their intermediates in the backend, where numTensors cannot see.
    const buffersAfterEpoch: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      let total = 0;
      for (let step = 0; step < 4; step++) {
        const { xs, ys } = batch(step, 8);
        total += (await model.trainOnBatch(xs, ys)) as number;
        tf.dispose([xs, ys]);
      }
      epochLoss.push(total / 4);
      tensorsAfterEpoch.push(tf.memory().numTensors);
      buffersAfterEpoch.push(tf.engine().backend.numDataIds());
    }
    model.dispose();
    expect(epochLoss[2]).toBeLessThan(epochLoss[0]);
    expect(tensorsAfterEpoch[2]).toBe(tensorsAfterEpoch[1]);
    expect(tensorsAfterEpoch[1]).toBe(tensorsAfterEpoch[0]);
    expect(buffersAfterEpoch[2]).toBe(buffersAfterEpoch[0]);
  });
});
