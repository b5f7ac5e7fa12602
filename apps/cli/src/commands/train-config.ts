import { resolve } from 'node:path';
import { resolveAugment } from '@resnet/data';
import type { NetworkSpec, PresetName } from '@resnet/model';
import { getPreset, WHITENING_EPSILON } from '@resnet/model';
import { LOOKAHEAD_DEFAULTS, MUON_DEFAULTS, type OptimizerConfig, type RunConfig, type ScheduleConfig } from '@resnet/trainer';
import { CliError } from '../cli-error.js';
import type { TrainFlags } from './train-options.js';

/** Half the run at low resolution, as the CIFAR-10 speed records that resize do. */
const LOW_RES_FRACTION = 0.5;

function optimizerConfig(flags: TrainFlags): OptimizerConfig {
  if (flags.optimizer !== 'muon' && (flags.muonLr !== undefined || flags.muonMomentum !== undefined)) {
    throw new CliError('--muon-lr and --muon-momentum need --optimizer muon.');
  }
  if (flags.optimizer === 'adam') return { name: 'adam', lr: flags.lr ?? 1e-3 };
  const sgd = { lr: flags.lr ?? 0.1, momentum: flags.momentum, nesterov: flags.nesterov };
  if (flags.optimizer === 'sgd') return { name: 'sgd', ...sgd };
  return { name: 'muon', ...sgd, muonLr: flags.muonLr ?? 0.05, muonMomentum: flags.muonMomentum ?? MUON_DEFAULTS.muonMomentum };
}

function scheduleConfig(flags: TrainFlags, lr: number): ScheduleConfig {
  if (flags.warmupStart !== undefined && !(flags.warmupEpochs > 0)) throw new CliError('--warmup-start needs --warmup-epochs.');
  const start = flags.warmupStart ? { warmupStart: flags.warmupStart } : {};
  const warmup = flags.warmupEpochs > 0 ? { warmupEpochs: flags.warmupEpochs, ...start } : {};
  if (flags.schedule === 'step') return { name: 'step', stepEpochs: flags.stepEpochs, gamma: flags.gamma, ...warmup };
  if (flags.minLr === undefined) return { name: flags.schedule, ...warmup };
  if (flags.schedule !== 'cosine' && flags.schedule !== 'linear') throw new CliError('--min-lr is for --schedule cosine or linear.');
  if (flags.minLr > lr) throw new CliError(`--min-lr ${flags.minLr} is above the learning rate, ${lr}.`);
  return { name: flags.schedule, minLr: flags.minLr, ...warmup };
}

function batchNormTrainingConfig(flags: TrainFlags, optimizer: OptimizerConfig): RunConfig['batchNormTraining'] {
  if (flags.bnBiasLrScale !== 1 && optimizer.name === 'adam') {
    throw new CliError("--bn-bias-lr-scale needs --optimizer sgd or muon: it scales the biases' gradients, and Adam's steps do not depend on a gradient's scale.");
  }
  return { trainScale: !flags.freezeBnScale, biasLrScale: flags.bnBiasLrScale };
}

/** Recorded in full, so a resumed run keeps these values should the defaults change. */
function lookaheadConfig(flags: TrainFlags): RunConfig['lookahead'] {
  if (!flags.lookahead) {
    if (flags.lookaheadEvery !== undefined) throw new CliError('--lookahead-every needs --lookahead.');
    return null;
  }
  return { ...LOOKAHEAD_DEFAULTS, every: flags.lookaheadEvery ?? LOOKAHEAD_DEFAULTS.every };
}

/** Scaled-down steps need a smaller size than the network's input; recorded in full. */
function lowResConfig(flags: TrainFlags, [height, width]: [number, number, number]): RunConfig['lowRes'] {
  if (flags.lowRes === undefined) {
    if (flags.lowResFraction !== undefined) throw new CliError('--low-res-fraction needs --low-res.');
    return null;
  }
  if (flags.lowRes >= Math.min(height, width)) throw new CliError(`--low-res ${flags.lowRes}: expected a size below the network's input, ${height}x${width}.`);
  const fraction = flags.lowResFraction ?? LOW_RES_FRACTION;
  if (fraction > 1) throw new CliError(`--low-res-fraction ${fraction}: expected a fraction of the steps in (0, 1].`);
  return { size: flags.lowRes, fraction };
}

function whiteningEpsilon(flags: TrainFlags, spec: NetworkSpec): number {
  if (flags.whitenEps === undefined) return WHITENING_EPSILON;
  if (spec.stem.kind !== 'whitening') throw new CliError(`--whiten-eps is for models with a whitening stem (airbench); ${spec.name} has none.`);
  return flags.whitenEps;
}

/** --augment's options, checked against the network's input before any run directory is written. */
function augmentConfig(flags: TrainFlags, [height, width, channels]: [number, number, number]): RunConfig['augment'] {
  if (!flags.augment) return false;
  try {
    return resolveAugment({ padding: flags.cropPadding, paddingMode: flags.paddingMode, flip: flags.flip }, { height, width, channels });
  } catch (error) {
    throw new CliError(`--crop-padding/--padding-mode: ${(error as Error).message}`);
  }
}

/** Local paths are stored absolute, so `eval` and `--resume` find the data from any directory. */
export function dataSource(data: string | undefined): string | null {
  if (data === undefined) return null;
  return /^https?:\/\//i.test(data) ? data : resolve(data);
}

/** The recipe a fresh run records in config.json; data facts come from the loaded data set. */
export function trainConfig(flags: TrainFlags, model: PresetName | NetworkSpec, classNames: string[]): RunConfig {
  const spec = typeof model === 'string' ? getPreset(model) : model;
  const optimizer = optimizerConfig(flags);
  return {
    version: 1,
    model,
    modelOptions: flags.bnMomentum === undefined ? {} : { batchNorm: { momentum: flags.bnMomentum } },
    inputShape: spec.inputShape,
    classNames,
    normalization: flags.normalize,
    augment: augmentConfig(flags, spec.inputShape),
    epochs: flags.epochs,
    batchSize: flags.batchSize,
    optimizer,
    schedule: scheduleConfig(flags, optimizer.lr),
    weightDecay: flags.weightDecay ?? spec.weightDecay,
    labelSmoothing: flags.labelSmoothing,
    whiteningEpsilon: whiteningEpsilon(flags, spec),
    seed: flags.seed,
    limit: flags.limit ?? null,
    valSplit: flags.valSplit ?? null,
    testLimit: flags.testLimit ?? null,
    patience: flags.patience ?? null,
    flipTta: flags.flipTta,
    batchNormStatistics: { mode: flags.bnStats, ...(flags.bnStatsBatches === undefined ? {} : { batches: flags.bnStatsBatches }) },
    batchNormTraining: batchNormTrainingConfig(flags, optimizer),
    lookahead: lookaheadConfig(flags),
    lowRes: lowResConfig(flags, spec.inputShape),
    data: dataSource(flags.data),
  };
}
