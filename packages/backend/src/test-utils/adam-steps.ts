import { adamUpdate, type AdamUpdateAttrs } from '@resnet/ops';
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { maxRelativeError, runManyOn, values } from './compare.js';

export const ADAM: Pick<AdamUpdateAttrs, 'lr' | 'beta1' | 'beta2' | 'epsilon'> = { lr: 0.01, beta1: 0.8, beta2: 0.95, epsilon: 1e-6 };
const STEPS = 4;
export const adamStart = (shape: number[]) => tf.tensor(values(shape.reduce((a, b) => a * b), 1), shape);
export const adamGradient = (shape: number[], step: number) => tf.tensor(values(shape.reduce((a, b) => a * b), 10 + step), shape);

/** x, m and v after STEPS steps of our op (our kernel where the backend has one, else tfjs's ops). */
function ourSteps(shape: number[]): tf.Tensor[] {
  let state = { x: adamStart(shape), m: tf.zeros(shape), v: tf.zeros(shape) };
  for (let step = 1; step <= STEPS; step++) state = adamUpdate(state.x, state.m, state.v, adamGradient(shape, step), { ...ADAM, step });
  return [state.x, state.m, state.v];
}

/**
 * Our op's STEPS steps on `backend` against tf.train.adam's x on cpu and the fallback's m and v
 * on cpu, each within `tolerance` (max relative error); and the steps moved x.
 */
export async function expectAdamStepsOnCpu(backend: string, shape: number[], tolerance: number): Promise<void> {
  const [adamX] = await runManyOn('cpu', () => {
    const variable = tf.variable(adamStart(shape));
    const adam = tf.train.adam(ADAM.lr, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
    for (let step = 1; step <= STEPS; step++) adam.applyGradients([{ name: variable.name, tensor: adamGradient(shape, step) }]);
    const x = variable.clone();
    adam.dispose();
    variable.dispose();
    return [x];
  });
  const [, cpuM, cpuV] = await runManyOn('cpu', () => ourSteps(shape));
  const [x, m, v] = await runManyOn(backend, () => ourSteps(shape));
  expect(maxRelativeError(x, adamX)).toBeLessThan(tolerance);
  expect(maxRelativeError(m, cpuM)).toBeLessThan(tolerance);
  expect(maxRelativeError(v, cpuV)).toBeLessThan(tolerance);
  expect(maxRelativeError(x, values(x.length, 1))).toBeGreaterThan(1e-3);
}
