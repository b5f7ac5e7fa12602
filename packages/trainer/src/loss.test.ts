import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { correctCount, crossEntropy } from './loss.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('crossEntropy', () => {
  const probs = () => tf.tensor2d([[0.7, 0.2, 0.1], [0.25, 0.25, 0.5]]);
  // Logits of those probabilities, shifted per row: softmax ignores the shift.
  const logits = () => tf.tensor2d([[Math.log(0.7) + 3, Math.log(0.2) + 3, Math.log(0.1) + 3], [Math.log(0.25) - 1, Math.log(0.25) - 1, Math.log(0.5) - 1]]);
  const labels = () => tf.tensor1d([0, 1], 'int32');

  it('is the mean negative log-probability of the true class, from logits', () => {
    const loss = crossEntropy(logits(), labels()).dataSync()[0];
    expect(loss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.25)) / 2, 6);
  });

  it('smooths the target to (1 - s)·onehot + s/K', () => {
    const s = 0.3;
    const loss = crossEntropy(logits(), labels(), s).dataSync()[0];
    const row = (p: number[], label: number) => -p.reduce((sum, q, k) => sum + ((k === label ? 1 - s : 0) + s / 3) * Math.log(q), 0);
    expect(loss).toBeCloseTo((row([0.7, 0.2, 0.1], 0) + row([0.25, 0.25, 0.5], 1)) / 2, 6);
  });

  it('stays finite on a far-off class and rejects bad smoothing', () => {
    const loss = crossEntropy(tf.tensor2d([[60, -60]]), tf.tensor1d([1], 'int32')).dataSync()[0];
    expect(loss).toBeCloseTo(120, 3);
    expect(() => crossEntropy(logits(), labels(), 1)).toThrow(/labelSmoothing/);
  });

  it('counts arg-max hits', () => {
    expect(correctCount(probs(), tf.tensor1d([0, 2], 'int32')).dataSync()[0]).toBe(2);
  });
});
