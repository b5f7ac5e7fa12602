import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '@resnet/data/node';
import type { EpochLog, TrainingCallback } from '../types.js';

const COLUMNS = ['epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'lr', 'seconds', 'imagesPerSecond'] as const;

/**
 * Keeps `dir/metrics.jsonl` and `dir/metrics.csv`, one row per epoch. At the start they are
 * rewritten from the run's history, so a resumed run drops rows of epochs its checkpoint lost.
 */
export function metricsLogCallback(dir: string): TrainingCallback {
  const jsonl = join(dir, 'metrics.jsonl');
  const csv = join(dir, 'metrics.csv');
  return {
    async onTrainBegin(ctx) {
      await writeFileAtomically(jsonl, ctx.history.map(jsonLine).join(''));
      await writeFileAtomically(csv, [COLUMNS.join(','), ...ctx.history.map(csvRow)].join('\n') + '\n');
    },
    async onEpochEnd(_epoch, log) {
      await appendFile(jsonl, jsonLine(log));
      await appendFile(csv, csvRow(log) + '\n');
    },
  };
}

function jsonLine(log: EpochLog): string {
  return JSON.stringify(log) + '\n';
}

function csvRow(log: EpochLog): string {
  return COLUMNS.map((column) => log[column] ?? '').join(',');
}
