export type {
  Batch,
  BatchLog,
  BatchSource,
  EpochLog,
  FitOptions,
  FitResult,
  SerializedWeights,
  StopReason,
  TrainingCallback,
  TrainingContext,
  TrainingState,
} from './types.js';
export type { OptimizerConfig, ScheduledOptimizer } from './optimizer.js';
export type { ScheduleConfig, ScheduleLength } from './schedule.js';
export type { EvaluateOptions, EvaluationReport } from './evaluate.js';
export type { BatchNormStatisticsOptions } from './batch-norm-statistics.js';
export type { BatchNormTrainingOptions } from './batch-norm-training.js';
export type { LookaheadOptions } from './lookahead.js';
export type { LowResOptions } from './low-res.js';
export { recomputeBatchNormStatistics, statisticsNeedRecompute } from './batch-norm-statistics.js';
export { fit } from './fit.js';
export { LOOKAHEAD_DEFAULTS } from './lookahead.js';
export { renderTrainingPlot, trainingPlotSpec } from './plot/training-plot.js';
export { parseRunConfig, type ModelOptions, type RunConfig } from './run/run-config.js';
export { MODEL_FILES, RUN_FILES } from './run/run-files.js';
export { captureArtifacts, modelFiles } from './run/model-files.js';
export { evaluate } from './evaluate.js';
export { createOptimizer, MUON_DEFAULTS } from './optimizer.js';
export { createSchedule } from './schedule.js';
export { crossEntropy } from './loss.js';
export type { Monitor } from './callbacks/monitor.js';
export type { EarlyStoppingOptions } from './callbacks/early-stopping.js';
export type { ProgressOptions, ProgressSink, ProgressUpdate } from './callbacks/progress.js';
export { earlyStopping } from './callbacks/early-stopping.js';
export { createProgressCallback, formatDuration, formatEpochSummary, formatProgressLine } from './callbacks/progress.js';
