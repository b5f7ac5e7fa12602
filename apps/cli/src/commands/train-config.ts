import { resolve } from 'node:path';
import type { NetworkSpec, PresetName } from '@resnet/model';
import { getPreset } from '@resnet/model';
import type { OptimizerConfig, RunConfig, ScheduleConfig } from '@resnet/trainer';
import type { TrainFlags } from './train-options.js';

function optimizerConfig(flags: TrainFlags): OptimizerConfig {
  if (flags.optimizer === 'adam') return { name: 'adam', lr: flags.lr ?? 1e-3 };
  return { name: 'sgd', lr: flags.lr ?? 0.1, momentum: flags.momentum, nesterov: flags.nesterov };
}

function scheduleConfig(flags: TrainFlags): ScheduleConfig {
  const warmup = flags.warmupEpochs > 0 ? { warmupEpochs: flags.warmupEpochs } : {};
  if (flags.schedule === 'step') return { name: 'step', stepEpochs: flags.stepEpochs, gamma: flags.gamma, ...warmup };
  return { name: flags.schedule, ...warmup };
}

/** Local paths are stored absolute, so `eval` and `--resume` find the data from any directory. */
export function dataSource(data: string | undefined): string | null {
  if (data === undefined) return null;
  return /^https?:\/\//i.test(data) ? data : resolve(data);
}

/** The recipe a fresh run records in config.json; data facts come from the loaded data set. */
export function trainConfig(flags: TrainFlags, model: PresetName | NetworkSpec, classNames: string[]): RunConfig {
  const spec = typeof model === 'string' ? getPreset(model) : model;
  return {
    version: 1,
    model,
    modelOptions: flags.bnMomentum === undefined ? {} : { batchNorm: { momentum: flags.bnMomentum } },
    inputShape: spec.inputShape,
    classNames,
    normalization: flags.normalize,
    augment: flags.augment,
    epochs: flags.epochs,
    batchSize: flags.batchSize,
    optimizer: optimizerConfig(flags),
    schedule: scheduleConfig(flags),
    weightDecay: flags.weightDecay ?? spec.weightDecay,
    labelSmoothing: flags.labelSmoothing,
    seed: flags.seed,
    limit: flags.limit ?? null,
    valSplit: flags.valSplit ?? null,
    testLimit: flags.testLimit ?? null,
    patience: flags.patience ?? null,
    flipTta: flags.flipTta,
    batchNormStatistics: { mode: flags.bnStats, ...(flags.bnStatsBatches === undefined ? {} : { batches: flags.bnStatsBatches }) },
    data: dataSource(flags.data),
  };
}
