import { createProgressCallback, formatProgressLine, type ProgressSink, type TrainingCallback } from '@resnet/trainer';
import { SingleBar } from 'cli-progress';

export interface TrainingProgressOptions {
  /** Where the live bar goes; it is drawn on terminals only. Default process.stderr. */
  stream?: NodeJS.WriteStream;
  /** Where permanent lines go. Default console.log. */
  log?: (line: string) => void;
  /** Off a terminal: print a progress line every this many batches. Default 10. */
  everyBatches?: number;
}

/** A cli-progress bar redrawn after each step, replaced by the trainer's epoch summary line. */
function terminalSink(stream: NodeJS.WriteStream, log: (line: string) => void): ProgressSink {
  let bar: SingleBar | undefined;
  return {
    onEpochBegin(epoch, epochs, batches) {
      log(`Epoch ${epoch + 1}/${epochs}`);
      bar = new SingleBar({
        stream,
        // The whole Keras-like line comes from the trainer, so terminal and log files agree.
        format: (_options, params, payload: { line?: string }) => payload.line ?? ` 0/${params.total}`,
        clearOnComplete: true,
        hideCursor: true,
      });
      bar.start(batches, 0, {});
    },
    onUpdate(update) {
      bar?.update(update.batch, { line: formatProgressLine(update) });
    },
    onEpochEnd(_log, summary) {
      bar?.stop();
      bar = undefined;
      log(summary);
    },
  };
}

/**
 * Keras-like feedback: "Epoch 3/10", a live bar (step/total, ETA, images/s, running loss and
 * accuracy), then the epoch's summary line. Off a terminal (logs, pipes) the bar becomes a
 * progress line every `everyBatches` batches.
 */
export function trainingProgress(options: TrainingProgressOptions = {}): TrainingCallback {
  const stream = options.stream ?? process.stderr;
  const log = options.log ?? ((line: string) => console.log(line));
  return stream.isTTY
    ? createProgressCallback(terminalSink(stream, log))
    : createProgressCallback(log, { everyBatches: options.everyBatches ?? 10 });
}
