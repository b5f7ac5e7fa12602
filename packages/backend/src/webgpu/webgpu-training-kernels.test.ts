import { buildModel, modelLogits, tinySpec } from '@resnet/model';
import { createOptimizer, crossEntropy } from '@resnet/trainer';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedStockKernel } from '../stock-kernels.js';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { liveTensors, setUpWebGpu, tearDownWebGpu } from '../test-utils/webgpu-vs-cpu.js';
import { registerWebGpuTrainingKernels, webGpuTrainingKernels } from './webgpu-training-kernels.js';

/** A tiny ResNet of @resnet/model (BatchNorm through @resnet/ops), with a strided 1x1 projection. */
const tinyResNet = () => buildModel(tinySpec({ shortcut: 'projection' }), { seed: 3 });

/** Images whose class is the brightest of three image regions: learnable in a few steps. */
function batch(step: number, size: number): { xs: tf.Tensor4D; ys: tf.Tensor1D } {
  return tf.tidy(() => {
    const labels = Array.from({ length: size }, (_, i) => (i + step) % 3);
    const bright = tf.oneHot(tf.tensor1d(labels, 'int32'), 3).reshape([size, 1, 1, 3]);
    const xs = tf.tensor4d(values(size * 8 * 8 * 3, 100 + step), [size, 8, 8, 3]).mul(0.5).add(bright);
    return { xs: xs as tf.Tensor4D, ys: tf.tensor1d(labels, 'float32') };
  });
}

/** The trainer's step: forward in training mode, cross-entropy, gradients, Adam. */
function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, step: number, size: number): tf.Scalar {
  const { xs, ys } = batch(step, size);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => crossEntropy(modelLogits(model, xs, true), ys), variables);
  optimizer.applyGradients(grads);
  tf.dispose([xs, ys, ...Object.values(grads)]);
  return value;
}

describe('webGpuTrainingKernels (SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  beforeAll(setUpWebGpu);
  afterAll(tearDownWebGpu);

  it('are registered for webgpu, idempotently, keeping the stock kernels they replace', () => {
    registerWebGpuTrainingKernels();
    for (const config of webGpuTrainingKernels) {
      expect(config.backendName).toBe('webgpu');
      expect(tf.getKernel(config.kernelName, 'webgpu')).toBe(config);
    }
    expect(new Set(webGpuTrainingKernels.map((k) => k.kernelName)).size).toBe(webGpuTrainingKernels.length);
    expect(capturedStockKernel('Conv2DBackpropFilter', 'webgpu')?.kernelFunc).toBeTypeOf('function');
    expect(capturedStockKernel('Sum', 'webgpu')).not.toBe(tf.getKernel('Sum', 'webgpu'));
  });

  it("give a tiny ResNet's weight gradients and BatchNorm statistics equal to the cpu backend's", async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const model = tinyResNet();
      const { xs, ys } = batch(0, 4);
      const { grads } = tf.variableGrads(() => crossEntropy(modelLogits(model, xs, true), ys));
      const tensors = [...Object.values(grads), ...model.nonTrainableWeights.map((w) => w.read())];
      const data = await Promise.all(tensors.map((t) => t.data()));
      tf.dispose([xs, ys, ...Object.values(grads)]);
      model.dispose();
      return data;
    };
    const cpu = await run('cpu');
    const webgpu = await run('webgpu');
    expect(webgpu).toHaveLength(cpu.length);
    webgpu.forEach((data, i) => expect(maxRelativeError(data, cpu[i])).toBeLessThan(1e-4));
  });

  it('train it on webgpu: loss falls, tensor and buffer counts flat across epochs', async () => {
    await tf.setBackend('webgpu');
    const model = tinyResNet();
    const { optimizer } = createOptimizer({ name: 'adam', lr: 0.02 });
    const epochLoss: number[] = [];
    const countsAfterEpoch: number[][] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      let total = 0;
      for (let step = 0; step < 2; step++) {
        const loss = trainStep(model, optimizer, step, 4);
        total += (await loss.data())[0];
        loss.dispose();
      }
      epochLoss.push(total / 2);
      countsAfterEpoch.push(liveTensors());
    }
    expect(epochLoss[2]).toBeLessThan(epochLoss[0]);
    expect(countsAfterEpoch[2]).toEqual(countsAfterEpoch[1]);
    optimizer.dispose();
    model.dispose();
  });

  // One step of the seed network (every layer and weight; 16x16 images, a quarter of CIFAR's
  // pixels, so that both backends take a quarter of the time) at batch 2 on cpu and on
  // SwiftShader (shader compilation included; the limit leaves room for a busy machine): forward in training
  // mode, the loss from logits, every gradient, an SGD update, the moving statistics. The
  // biases of convolutions that feed BatchNorm have a gradient of exactly 0 in theory, rounding
  // noise in practice: they must be tiny on both backends, not equal. SGD, not Adam: Adam's
  // first step is lr * sign(g), which flips with that noise (the fused Adam kernel has its own test).
  it('take one training step of the seed network as the cpu backend does', async () => {
    const step = async (backend: string) => {
      await tf.setBackend(backend);
      const model = buildModel('simple', { seed: 5, inputShape: [16, 16, 3] });
      const { optimizer } = createOptimizer({ name: 'sgd', lr: 0.1 });
      const xs = tf.tensor4d(values(2 * 16 * 16 * 3, 7), [2, 16, 16, 3]);
      const ys = tf.tensor1d([3, 8], 'float32');
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const noise = new Set(model.layers.filter((l) => l.getClassName() === 'Conv2D').map((l) => `${l.name}/bias`));
      const { value, grads } = tf.variableGrads(() => crossEntropy(modelLogits(model, xs, true), ys), variables);
      const gradients = await Promise.all(variables.map((v) => grads[v.name].data()));
      optimizer.applyGradients(grads);
      const weights = await Promise.all([value, ...model.getWeights()].map((t) => t.data()));
      const isNoise = model.trainableWeights.map((w) => noise.has(w.originalName));
      // The loss first, then every weight: the noise biases stay 0 - lr * noise.
      const weightIsNoise = [false, ...model.weights.map((w) => noise.has(w.originalName))];
      tf.dispose([xs, ys, value, ...Object.values(grads)]);
      optimizer.dispose();
      model.dispose();
      return { gradients, weights, isNoise, weightIsNoise };
    };
    const cpu = await step('cpu');
    const webgpu = await step('webgpu');
    const largest = (data: ArrayLike<number>) => Array.from(data).reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    const largestGradient = Math.max(...cpu.gradients.map(largest));
    expect(cpu.isNoise.filter(Boolean)).toHaveLength(10);
    expect(webgpu.gradients).toHaveLength(cpu.gradients.length);
    webgpu.gradients.forEach((data, i) => {
      if (cpu.isNoise[i]) expect(Math.max(largest(data), largest(cpu.gradients[i])) / largestGradient).toBeLessThan(1e-5);
      else expect(maxRelativeError(data, cpu.gradients[i])).toBeLessThan(1e-4);
    });
    expect(webgpu.weights).toHaveLength(cpu.weights.length);
    webgpu.weights.forEach((data, i) => {
      if (cpu.weightIsNoise[i]) expect(Math.max(largest(data), largest(cpu.weights[i])) / (0.1 * largestGradient)).toBeLessThan(1e-5);
      else expect(maxRelativeError(data, cpu.weights[i])).toBeLessThan(1e-4);
    });
  }, 420_000);
});
