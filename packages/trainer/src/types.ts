import type * as tf from '@tensorflow/tfjs';
import type { BatchNormStatisticsOptions } from './batch-norm-statistics.js';
import type { BatchNormTrainingOptions } from './batch-norm-training.js';
import type { LookaheadOptions } from './lookahead.js';
import type { LowResOptions } from './low-res.js';
import type { OptimizerConfig } from './optimizer.js';
import type { ScheduleConfig } from './schedule.js';

/** One batch: float32 images [B,H,W,C] and int32 labels [B]. The receiver disposes it. */
export interface Batch {
  xs: tf.Tensor4D;
  ys: tf.Tensor1D;
}

/** Batches whose order and augmentation depend only on (seed, epoch). */
export interface BatchSource {
  readonly batchesPerEpoch: number;
  /** Number of examples per epoch. */
  readonly size: number;
  batches(epoch: number): Iterable<Batch>;
}

/** Per-epoch metrics. `epoch` is 0-based, like Keras. */
export interface EpochLog {
  epoch: number;
  /** Mean training objective: cross-entropy (with label smoothing) plus the model's regularization losses. */
  loss: number;
  accuracy: number;
  /** Plain cross-entropy on the validation source, inference mode. */
  val_loss?: number;
  val_accuracy?: number;
  /** Learning rate of the epoch's last step. */
  lr: number;
  /** Set when BatchNorm's moving statistics were recomputed before validation (see `batchNormStatistics`). */
  batchNormRecomputed?: boolean;
  /** Wall time of the whole epoch, validation included. */
  seconds: number;
  /** Training images per second, validation excluded. */
  imagesPerSecond: number;
}

/** Sent after every training step. */
export interface BatchLog {
  epoch: number;
  /** 0-based index of the batch within the epoch. */
  batch: number;
  batchesPerEpoch: number;
  /** Optimizer steps taken so far, this one included. */
  step: number;
  size: number;
  loss: number;
  accuracy: number;
  /** Running means over the epoch so far. */
  meanLoss: number;
  meanAccuracy: number;
  lr: number;
  /** Images and seconds of training so far in this epoch. */
  images: number;
  seconds: number;
}

/** Weights serialized with `tf.io.encodeWeights`, in the optimizer's own order. */
export interface SerializedWeights {
  specs: tf.io.WeightsManifestEntry[];
  data: ArrayBuffer;
}

/** Everything needed to continue a run exactly where an epoch ended. */
export interface TrainingState {
  /** Epochs completed; a resumed run starts at this epoch index. */
  epoch: number;
  /** Optimizer steps taken; the LR schedule continues from here. */
  step: number;
  /** `FitOptions.seed` of the run. */
  seed?: number;
  optimizer: OptimizerConfig;
  optimizerWeights: SerializedWeights;
  history: EpochLog[];
}

export type StopReason = 'completed' | 'aborted' | 'early-stopping' | 'non-finite-loss';

export interface FitResult {
  history: EpochLog[];
  stopReason: StopReason;
  /** Why training stopped early, for people. */
  stopMessage?: string;
}

/** What callbacks see of the running loop. */
export interface TrainingContext {
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  readonly epochs: number;
  readonly initialEpoch: number;
  readonly batchesPerEpoch: number;
  readonly trainSize: number;
  /** Completed epochs, restored ones included. */
  readonly history: readonly EpochLog[];
  /** The state `resume` needs; meaningful at an epoch's end. */
  snapshot(): Promise<TrainingState>;
  /** Ends training after the current epoch's callbacks. */
  stop(reason: Exclude<StopReason, 'completed'>, message?: string): void;
}

/** Hooks into the loop; each may return a promise, which the loop awaits. */
export interface TrainingCallback {
  onTrainBegin?(ctx: TrainingContext): void | Promise<void>;
  onEpochBegin?(epoch: number, ctx: TrainingContext): void | Promise<void>;
  onBatchEnd?(log: BatchLog, ctx: TrainingContext): void | Promise<void>;
  onEpochEnd?(epoch: number, log: EpochLog, ctx: TrainingContext): void | Promise<void>;
  onTrainEnd?(result: FitResult, ctx: TrainingContext): void | Promise<void>;
}

export interface FitOptions {
  /** Index one past the last epoch to run (Keras semantics with `initialEpoch`). */
  epochs: number;
  optimizer: OptimizerConfig;
  schedule?: ScheduleConfig;
  /** 0 (default) to <1: weight moved from the true class to all classes evenly. */
  labelSmoothing?: number;
  /**
   * For a model with a whitening stem: added to the patch covariance's eigenvalues before they
   * scale its filters; larger values amplify the weakest directions (mostly noise) less.
   * Default @resnet/model's `WHITENING_EPSILON` (airbench's 5e-4).
   */
  whiteningEpsilon?: number;
  /** How BatchNorm's moving statistics are made ready after each epoch; default `{ mode: 'auto' }`. */
  batchNormStatistics?: BatchNormStatisticsOptions;
  /** Frozen BatchNorm scales and a bias learning-rate factor; default: both trained alike. */
  batchNorm?: BatchNormTrainingOptions;
  /**
   * Lookahead over all the model's weights, also applied at each epoch's end (so checkpoints hold
   * the slow weights and need no extra state); off when absent.
   */
  lookahead?: LookaheadOptions;
  /** Progressive resizing: the run's first steps on images scaled down; off when absent. */
  lowRes?: LowResOptions;
  validation?: BatchSource;
  callbacks?: TrainingCallback[];
  signal?: AbortSignal;
  /** Defaults to `state.epoch`, else 0. */
  initialEpoch?: number;
  /** From a checkpoint: restores optimizer weights, step, history. */
  state?: TrainingState;
  /** The seed behind the training source's order and augmentation: saved in checkpoints, checked on resume. */
  seed?: number;
}
