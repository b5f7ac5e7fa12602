/**
 * @resnet/ops: training ops that run as one kernel where @resnet/backend registers ours for the
 * active backend, and as tfjs's own ops elsewhere. The kernel names and their inputs, attributes
 * and outputs are the contract backends implement.
 */
export * from './kernel-names.js';
export { batchNormTraining, batchNormTrainingGradConfig, type BatchNormTrainingResult } from './batch-norm-training.js';
export { adamUpdate, type AdamUpdateResult } from './adam-update.js';
export { batchNormMovingAverages, type BatchNormMovingAveragesResult } from './batch-norm-moving-averages.js';
export { hasKernel } from './has-kernel.js';
