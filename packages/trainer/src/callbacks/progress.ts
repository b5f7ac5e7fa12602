import type { BatchLog, EpochLog, TrainingCallback } from '../types.js';

/** What a progress bar needs after each step. `epoch` is 0-based, `batch` counts completed batches. */
export interface ProgressUpdate {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  etaSeconds: number;
  imagesPerSecond: number;
  /** Running means over the epoch so far. */
  loss: number;
  accuracy: number;
  lr: number;
}

/** Receives structured progress, e.g. to drive a cli-progress bar. */
export interface ProgressSink {
  onEpochBegin?(epoch: number, epochs: number, batches: number): void;
  onUpdate(update: ProgressUpdate): void;
  /** `summary` is the Keras-like closing line for the epoch. */
  onEpochEnd?(log: EpochLog, summary: string): void;
}

export interface ProgressOptions {
  /** With a line writer: write a bar line every this many batches (and on the last). Default 50. */
  everyBatches?: number;
}

/** Keras-like progress: "Epoch 1/10", a bar with ETA, images/s, running loss/accuracy, then a summary line. */
export function createProgressCallback(sink: ProgressSink | ((line: string) => void), options: ProgressOptions = {}): TrainingCallback {
  const target = typeof sink === 'function' ? lineSink(sink, options.everyBatches ?? 50) : sink;
  return {
    onEpochBegin(epoch, ctx) {
      target.onEpochBegin?.(epoch, ctx.epochs, ctx.batchesPerEpoch);
    },
    onBatchEnd(log, ctx) {
      target.onUpdate(progressUpdate(log, ctx.epochs));
    },
    onEpochEnd(_epoch, log, ctx) {
      target.onEpochEnd?.(log, formatEpochSummary(log, ctx.batchesPerEpoch));
    },
  };
}

function progressUpdate(log: BatchLog, epochs: number): ProgressUpdate {
  const done = log.batch + 1;
  const perBatch = log.seconds / done;
  return {
    epoch: log.epoch,
    epochs,
    batch: done,
    batches: log.batchesPerEpoch,
    etaSeconds: perBatch * (log.batchesPerEpoch - done),
    imagesPerSecond: log.seconds > 0 ? log.images / log.seconds : 0,
    loss: log.meanLoss,
    accuracy: log.meanAccuracy,
    lr: log.lr,
  };
}

/** " 12/782 [>....] - ETA: 1:05 - loss: 2.1034 - accuracy: 0.2109 - 812 img/s" */
export function formatProgressLine(update: ProgressUpdate, width = 30): string {
  const count = String(update.batches);
  const filled = Math.floor((width * update.batch) / update.batches);
  const bar = update.batch === update.batches ? '='.repeat(width) : '='.repeat(Math.max(0, filled - 1)) + '>' + '.'.repeat(width - Math.max(1, filled));
  return (
    `${String(update.batch).padStart(count.length)}/${count} [${bar}] - ETA: ${formatDuration(update.etaSeconds)}` +
    ` - loss: ${update.loss.toFixed(4)} - accuracy: ${update.accuracy.toFixed(4)} - ${Math.round(update.imagesPerSecond)} img/s`
  );
}

/** "782/782 - 95s 121ms/step - loss: ... - accuracy: ... - val_loss: ... - val_accuracy: ... - lr: ..." */
export function formatEpochSummary(log: EpochLog, batches: number): string {
  const metrics = [`loss: ${log.loss.toFixed(4)}`, `accuracy: ${log.accuracy.toFixed(4)}`];
  if (log.val_loss !== undefined) metrics.push(`val_loss: ${log.val_loss.toFixed(4)}`);
  if (log.val_accuracy !== undefined) metrics.push(`val_accuracy: ${log.val_accuracy.toFixed(4)}`);
  const perStep = Math.round((1000 * log.seconds) / batches);
  return [`${batches}/${batches} - ${Math.round(log.seconds)}s ${perStep}ms/step`, ...metrics, `lr: ${log.lr.toExponential(2)}`, `${Math.round(log.imagesPerSecond)} img/s`].join(' - ');
}

/** "m:ss", or "h:mm:ss" past an hour. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

function lineSink(write: (line: string) => void, everyBatches: number): ProgressSink {
  return {
    onEpochBegin: (epoch, epochs) => write(`Epoch ${epoch + 1}/${epochs}`),
    onUpdate: (update) => {
      if (update.batch % everyBatches === 0 || update.batch === update.batches) write(formatProgressLine(update));
    },
    onEpochEnd: (_log, summary) => write(summary),
  };
}
