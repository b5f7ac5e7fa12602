import type { BatchLog, EpochLog, TrainingContext } from '@resnet/trainer';
import { describe, expect, it } from 'vitest';
import { trainingProgress } from './training-progress.js';

const notATerminal = { isTTY: false } as NodeJS.WriteStream;
const ctx = { epochs: 3, batchesPerEpoch: 4 } as TrainingContext;

function batchLog(batch: number): BatchLog {
  return {
    epoch: 1, batch, batchesPerEpoch: 4, step: 4 + batch + 1, size: 8, loss: 1, accuracy: 0.5,
    meanLoss: 1.25, meanAccuracy: 0.5, lr: 0.001, images: 8 * (batch + 1), seconds: batch + 1,
  };
}

describe('trainingProgress off a terminal', () => {
  it('prints the epoch header, a line every N batches, and the epoch summary', async () => {
    const lines: string[] = [];
    const progress = trainingProgress({ stream: notATerminal, log: (line) => lines.push(line), everyBatches: 2 });
    const log: EpochLog = {
      epoch: 1, loss: 1.23456, accuracy: 0.5, val_loss: 1.5, val_accuracy: 0.45, lr: 0.001, seconds: 12.4, imagesPerSecond: 25.8,
    };
    await progress.onEpochBegin?.(1, ctx);
    for (let b = 0; b < 4; b++) await progress.onBatchEnd?.(batchLog(b), ctx);
    await progress.onEpochEnd?.(1, log, ctx);
    expect(lines[0]).toBe('Epoch 2/3');
    expect(lines.slice(1, 3).map((l) => l.split(' [')[0])).toEqual(['2/4', '4/4']);
    expect(lines[1]).toMatch(/ETA: 0:02 - loss: 1\.2500 - accuracy: 0\.5000 - 8 img\/s$/);
    expect(lines[3]).toContain('val_accuracy: 0.4500');
    expect(lines).toHaveLength(4);
  });
});
