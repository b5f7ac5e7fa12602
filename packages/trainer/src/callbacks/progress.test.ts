import { describe, expect, it } from 'vitest';
import { fit } from '../fit.js';
import { toyModel, toySource } from '../test-utils/toy.js';
import { createProgressCallback, formatDuration, formatProgressLine, type ProgressUpdate } from './progress.js';

describe('progress', () => {
  it('writes Keras-like lines: the epoch header, bars every N batches and a summary', async () => {
    const lines: string[] = [];
    const model = toyModel();
    await fit(model, toySource({ count: 80, batchSize: 16, seed: 3 }), {
      epochs: 2,
      optimizer: { name: 'adam', lr: 0.01 },
      validation: toySource({ count: 16, batchSize: 16, seed: 4 }),
      callbacks: [createProgressCallback((line) => lines.push(line), { everyBatches: 2 })],
    });
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[1]).toMatch(/^2\/5 \[=+>\.+\] - ETA: \d+:\d\d - loss: \d\.\d{4} - accuracy: \d\.\d{4} - \d+ img\/s$/);
    expect(lines[3]).toMatch(/^5\/5 \[={30}\]/);
    expect(lines[4]).toMatch(/^5\/5 - \d+s \d+ms\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - lr: 1\.00e-2 - \d+ img\/s$/);
    expect(lines[5]).toBe('Epoch 2/2');
    expect(lines).toHaveLength(10);
    model.dispose();
  });

  it('gives a sink structured updates with ETA and images/s', async () => {
    const updates: ProgressUpdate[] = [];
    const begun: number[][] = [];
    const model = toyModel();
    await fit(model, toySource({ count: 48, batchSize: 16, seed: 3 }), {
      epochs: 1,
      optimizer: { name: 'adam', lr: 0.01 },
      callbacks: [createProgressCallback({ onEpochBegin: (...args) => void begun.push(args), onUpdate: (u) => void updates.push(u) })],
    });
    expect(begun).toEqual([[0, 1, 3]]);
    expect(updates.map((u) => u.batch)).toEqual([1, 2, 3]);
    expect(updates[2].etaSeconds).toBe(0);
    expect(updates[0].etaSeconds).toBeGreaterThan(0);
    expect(updates[2].imagesPerSecond).toBeGreaterThan(0);
    model.dispose();
  });

  it('formats bars and durations', () => {
    const update = { epoch: 0, epochs: 1, batch: 1, batches: 10, etaSeconds: 3725, imagesPerSecond: 99.6, loss: 1, accuracy: 0.5, lr: 0.1 };
    expect(formatProgressLine(update, 10)).toBe(' 1/10 [>.........] - ETA: 1:02:05 - loss: 1.0000 - accuracy: 0.5000 - 100 img/s');
    expect(formatProgressLine({ ...update, batch: 5 }, 10)).toBe(' 5/10 [====>.....] - ETA: 1:02:05 - loss: 1.0000 - accuracy: 0.5000 - 100 img/s');
  });

  it.each([
    [4.4, '0:04'],
    [65, '1:05'],
    [7260, '2:01:00'],
    [-3, '0:00'],
  ])('formats %s seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
