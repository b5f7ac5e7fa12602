import type * as tf from '@tensorflow/tfjs';
import { DEFAULT_STATISTICS_BATCHES, recomputeBatchNormStatistics, statisticsNeedRecompute } from './batch-norm-statistics.js';
import { evaluate } from './evaluate.js';
import { createLookahead } from './lookahead.js';
import { checkLowResOptions, lowResSteps, scaleDown } from './low-res.js';
import { createOptimizer } from './optimizer.js';
import { loadOptimizerWeights, saveOptimizerWeights } from './optimizer-state.js';
import { createSchedule } from './schedule.js';
import { createTrainStep } from './train-step.js';
import type { BatchSource, EpochLog, FitOptions, FitResult, StopReason, TrainingCallback, TrainingContext } from './types.js';
import { initializeWhiteningFrom } from './whitening-init.js';
import { yieldToEventLoop } from './yield.js';

/**
 * Trains `model` in place, Keras-style: epochs [initialEpoch, epochs), each a pass over
 * `train.batches(epoch)`, then validation and the epoch-end callbacks (where checkpoints are
 * written). An abort, a non-finite loss or a callback's stop() ends the run at a batch
 * boundary; an interrupted epoch is not reported. A fresh run (no `state`) first sets the
 * model's whitening stem, if it has one, from its training images.
 */
export async function fit(model: tf.LayersModel, train: BatchSource, options: FitOptions): Promise<FitResult> {
  const { state } = options;
  checkOptions(train, options);
  // Holds no tensors until an epoch begins.
  const lookahead = options.lookahead && createLookahead(model, options.lookahead, options.epochs * train.batchesPerEpoch);
  const { optimizer, setLearningRate } = createOptimizer(options.optimizer);
  const lowResUntil = options.lowRes ? lowResSteps(options.lowRes, options.epochs * train.batchesPerEpoch) : 0;
  try {
    if (state) await loadOptimizerWeights(optimizer, state.optimizerWeights);
    // A fresh run's whitening stem comes from its own training images; a resumed one has it.
    else initializeWhiteningFrom(model, train, { epsilon: options.whiteningEpsilon });
    const initialEpoch = options.initialEpoch ?? state?.epoch ?? 0;
    const history: EpochLog[] = [...(state?.history ?? [])].filter((log) => log.epoch < initialEpoch);
    let step = state?.step ?? initialEpoch * train.batchesPerEpoch;
    let stop: { reason: Exclude<StopReason, 'completed'>; message?: string } | undefined;
    const callbacks = options.callbacks ?? [];
    const lrAt = createSchedule(options.schedule ?? { name: 'constant' }, options.optimizer.lr, {
      epochs: options.epochs,
      batchesPerEpoch: train.batchesPerEpoch,
    });
    const trainStep = createTrainStep(model, optimizer, { labelSmoothing: options.labelSmoothing ?? 0, batchNorm: options.batchNorm ?? {} });
    const statistics = options.batchNormStatistics ?? { mode: 'auto' };
    const ctx: TrainingContext = {
      model,
      optimizer,
      epochs: options.epochs,
      initialEpoch,
      batchesPerEpoch: train.batchesPerEpoch,
      trainSize: train.size,
      history,
      snapshot: async () => ({
        epoch: history.length === 0 ? initialEpoch : history[history.length - 1].epoch + 1,
        step,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        optimizer: options.optimizer,
        optimizerWeights: await saveOptimizerWeights(optimizer),
        history: history.map((log) => ({ ...log })),
      }),
      stop: (reason, message) => {
        stop ??= { reason, ...(message === undefined ? {} : { message }) };
      },
    };
    const notify = async <K extends keyof TrainingCallback>(hook: K, ...args: Parameters<NonNullable<TrainingCallback[K]>>) => {
      for (const callback of callbacks) await (callback[hook] as ((...a: unknown[]) => unknown) | undefined)?.apply(callback, args);
    };

    await notify('onTrainBegin', ctx);
    for (let epoch = initialEpoch; epoch < options.epochs && !stop; epoch++) {
      if (options.signal?.aborted) {
        stop = { reason: 'aborted', message: 'training was aborted before the epoch started' };
        break;
      }
      await notify('onEpochBegin', epoch, ctx);
      const epochStart = performance.now();
      let batch = 0;
      let images = 0;
      let lossSum = 0;
      let correctSum = 0;
      let lr = lrAt(step);
      lookahead?.begin();
      for (const { xs, ys } of train.batches(epoch)) {
        if (options.signal?.aborted) {
          xs.dispose();
          ys.dispose();
          stop = { reason: 'aborted', message: `training was aborted at epoch ${epoch + 1}, batch ${batch + 1}; the epoch is not counted` };
          break;
        }
        lr = lrAt(step);
        setLearningRate(lr);
        const size = ys.shape[0];
        const input = options.lowRes && step < lowResUntil ? scaleDown(xs, options.lowRes.size) : xs;
        const result = await trainStep({ xs: input, ys }).finally(() => {
          if (input !== xs) input.dispose();
          xs.dispose();
          ys.dispose();
        });
        if (!result.applied) {
          stop = {
            reason: 'non-finite-loss',
            message:
              `loss became ${result.loss} at epoch ${epoch + 1}, batch ${batch + 1} (step ${step + 1}); the update was skipped ` +
              `and training stopped. Try a lower learning rate (was ${lr}) or check the input data.`,
          };
          break;
        }
        step++;
        lookahead?.afterStep(step);
        images += size;
        lossSum += result.loss * size;
        correctSum += result.correct;
        batch++;
        await notify(
          'onBatchEnd',
          {
            epoch,
            batch: batch - 1,
            batchesPerEpoch: train.batchesPerEpoch,
            step,
            size,
            loss: result.loss,
            accuracy: result.correct / size,
            meanLoss: lossSum / images,
            meanAccuracy: correctSum / images,
            lr,
            images,
            seconds: (performance.now() - epochStart) / 1000,
          },
          ctx,
        );
        await yieldToEventLoop();
      }
      if (stop?.reason === 'aborted' || stop?.reason === 'non-finite-loss') break;
      if (images === 0) throw new Error(`fit: the training source yielded no batches for epoch ${epoch}`);
      const trainSeconds = (performance.now() - epochStart) / 1000;
      const log: EpochLog = { epoch, loss: lossSum / images, accuracy: correctSum / images, lr, seconds: 0, imagesPerSecond: images / trainSeconds };
      // Before validation and the epoch-end callbacks, which write checkpoints; Lookahead first,
      // so the statistics are those of the weights evaluated and saved.
      lookahead?.end(step);
      if (statistics.mode === 'recompute' || (statistics.mode === 'auto' && statisticsNeedRecompute(model, step))) {
        recomputeBatchNormStatistics(model, train, epoch, Math.min(statistics.batches ?? DEFAULT_STATISTICS_BATCHES, train.batchesPerEpoch));
        log.batchNormRecomputed = true;
      }
      if (options.validation) {
        const report = await evaluate(model, options.validation, { epoch });
        log.val_loss = report.loss;
        log.val_accuracy = report.accuracy;
      }
      log.seconds = (performance.now() - epochStart) / 1000;
      history.push(log);
      await notify('onEpochEnd', epoch, log, ctx);
    }
    const result: FitResult = {
      history: [...history],
      stopReason: stop?.reason ?? 'completed',
      ...(stop?.message === undefined ? {} : { stopMessage: stop.message }),
    };
    await notify('onTrainEnd', result, ctx);
    return result;
  } finally {
    lookahead?.dispose();
    optimizer.dispose();
  }
}

function checkOptions(train: BatchSource, options: FitOptions): void {
  const { epochs, state } = options;
  if (!Number.isInteger(epochs) || epochs < 0) throw new Error(`fit: epochs must be a whole number >= 0, got ${epochs}`);
  if (!(train.batchesPerEpoch > 0)) throw new Error(`fit: the training source has ${train.batchesPerEpoch} batches per epoch`);
  const statistics = options.batchNormStatistics;
  if (statistics && !['auto', 'moving', 'recompute'].includes(statistics.mode)) {
    throw new Error(`fit: batchNormStatistics.mode must be auto, moving or recompute, got ${JSON.stringify(statistics.mode)}`);
  }
  if (statistics?.batches !== undefined && !(Number.isInteger(statistics.batches) && statistics.batches >= 1)) {
    throw new Error(`fit: batchNormStatistics.batches must be a whole number >= 1, got ${statistics.batches}`);
  }
  if (options.lowRes) checkLowResOptions(options.lowRes);
  const biasLrScale = options.batchNorm?.biasLrScale ?? 1;
  if (!(biasLrScale > 0 && Number.isFinite(biasLrScale))) throw new Error(`fit: batchNorm.biasLrScale must be a number > 0, got ${biasLrScale}`);
  if (biasLrScale !== 1 && options.optimizer.name === 'adam') {
    throw new Error(
      `fit: batchNorm.biasLrScale ${biasLrScale} needs SGD: it scales the BatchNorm biases' gradients, and Adam's steps do not ` +
        'depend on the scale of a gradient; use biasLrScale 1 with Adam',
    );
  }
  if (!state) return;
  if (state.optimizer.name !== options.optimizer.name) {
    throw new Error(`fit: the checkpoint was trained with ${state.optimizer.name}, but options.optimizer is ${options.optimizer.name}`);
  }
  if (state.seed !== undefined && options.seed !== undefined && state.seed !== options.seed) {
    throw new Error(`fit: the checkpoint's data seed is ${state.seed}, but options.seed is ${options.seed}; resume with the same seed`);
  }
}
