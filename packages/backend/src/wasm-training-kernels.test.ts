import { buildModel, tinySpec } from '@resnet/model';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { values } from './test-utils/compare.js';
import { setUpWasm } from './test-utils/wasm-vs-cpu.js';
import { registerWasmTrainingKernels, wasmTrainingKernels } from './index.js';
import { capturedStockKernel } from './stock-kernels.js';

/**
 * @resnet/model's tiny ResNet on 9x9 images (odd sizes: 'same' padding at stride 2 is uneven),
 * with a stride-2 block whose 1x1 projection shortcut has its own filter gradient. Its
 * gradients against cpu's: whole-network-gradients.test.ts, for the real presets.
 */
function tinyResNet(seed: number): tf.LayersModel {
  return buildModel(tinySpec({ shortcut: 'projection' }), { seed, inputShape: [9, 9, 3], numClasses: 3 });
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
  it('replaces the stock kernels of the same name, keeps them for fallback, and a second call changes nothing', () => {
    registerWasmTrainingKernels();
    const captured = wasmTrainingKernels.map((config) => capturedStockKernel(config.kernelName, 'wasm'));
    registerWasmTrainingKernels();
    wasmTrainingKernels.forEach((config, i) => {
      expect(tf.getKernel(config.kernelName, 'wasm')).toBe(config);
      expect(capturedStockKernel(config.kernelName, 'wasm')).toBe(captured[i]);
      expect(captured[i]?.kernelFunc).not.toBe(config.kernelFunc);
    });
    // tfjs's wasm backend has an input gradient of its own, but no filter gradient at all.
    expect(capturedStockKernel('Conv2DBackpropInput', 'wasm')?.backendName).toBe('wasm');
    expect(capturedStockKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
  });

  it('trains a tiny residual net on wasm: loss falls, tensor and buffer counts flat across epochs', async () => {
    await setUpWasm();
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
