import { getGradient, registerGradient, type GradConfig } from '@tensorflow/tfjs';
import { fusedBatchNormGradConfig } from './gradients/fused-batch-norm-grad.js';
import { meanGradConfig } from './gradients/mean-grad.js';

/** Gradients that replace tfjs's own where those waste time; the same math, any backend. */
export const trainingGradients: readonly GradConfig[] = [fusedBatchNormGradConfig, meanGradConfig];

/** Registers `trainingGradients`; the backend setups call it. Safe to call more than once. */
export function registerTrainingGradients(): void {
  for (const config of trainingGradients) {
    if (getGradient(config.kernelName) !== config) registerGradient(config);
  }
}
