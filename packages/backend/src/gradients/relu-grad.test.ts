import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, values } from '../test-utils/compare.js';
import { liveTensors, programsRun, setUpWebGpu, tearDownWebGpu } from '../test-utils/webgpu-vs-cpu.js';
import { useTrainingGradients } from '../training-gradients.js';
import { ReluGrad, reluGradConfig } from './relu-grad.js';

/** Values with exact zeros and NaNs among them, where step(x) is 0 and NaN. */
function x(shape: number[]): tf.Tensor {
  const data = values(shape.reduce((a, b) => a * b), 1).map((v, i) => (i % 7 === 0 ? 0 : i % 11 === 0 ? NaN : v));
  return tf.tensor(data, shape);
}
const dy = (shape: number[]) => tf.tensor(values(shape.reduce((a, b) => a * b), 2), shape);

async function reluGradient(backend: string, shape: number[]): Promise<Float32Array> {
  await tf.setBackend(backend);
  const [dx] = tf.tidy(() => tf.grads((a: tf.Tensor) => tf.sum(tf.mul(tf.relu(a), dy(shape))))([x(shape)]));
  const data = Float32Array.from(await dx.data());
  dx.dispose();
  return data;
}

/** NaN-aware: maxRelativeError over the rest, and NaN in the same places. */
function expectSameGradient(actual: Float32Array, expected: Float32Array): void {
  expect(Array.from(actual, Number.isNaN)).toEqual(Array.from(expected, Number.isNaN));
  const finite = (a: Float32Array) => a.filter((_, i) => !Number.isNaN(expected[i]));
  expect(maxRelativeError(finite(actual), finite(expected))).toBeLessThan(1e-6);
}

describe('Relu gradient (webgpu on SwiftShader: the CPU Vulkan driver; no GPU here)', () => {
  let reference: Record<string, Float32Array>;
  const shapes = { vec4: [2, 5, 5, 4], scalar: [3, 7] };

  beforeAll(async () => {
    await setUpWebGpu();
    // tfjs's own gradient, on cpu, for the reference.
    useTrainingGradients(false);
    reference = { vec4: await reluGradient('cpu', shapes.vec4), scalar: await reluGradient('cpu', shapes.scalar) };
    useTrainingGradients(true);
  });
  afterAll(tearDownWebGpu);

  it('is ours wherever our gradients are on', () => {
    expect(tf.getGradient('Relu')).toBe(reluGradConfig);
  });

  it.each(['vec4', 'scalar'] as const)('matches tfjs’s on webgpu: %s', async (kind) => {
    expectSameGradient(await reluGradient('webgpu', shapes[kind]), reference[kind]);
  });

  it('falls back to tfjs’s math on a backend without the kernel', async () => {
    expect(tf.getKernel(ReluGrad, 'cpu')).toBeUndefined();
    expectSameGradient(await reluGradient('cpu', shapes.vec4), reference.vec4);
  });

  it('takes one dispatch on webgpu, where tfjs’s takes two, and leaves no tensors behind', async () => {
    await tf.setBackend('webgpu');
    const [a, g] = [x([2, 5, 5, 4]), dy([2, 5, 5, 4])];
    const before = liveTensors();
    let dx: tf.Tensor | undefined;
    expect(programsRun(() => (dx = tf.engine().runKernel(ReluGrad, { dy: g, x: a }) as tf.Tensor))).toEqual(['resnetElementwise_reluGrad_4']);
    await dx?.data();
    dx?.dispose();
    expect(liveTensors()).toEqual(before);
    tf.dispose([a, g]);
  });
});
