import { getGradient, registerGradient, type GradConfig } from '@tensorflow/tfjs';
import { fusedBatchNormGradConfig } from './gradients/fused-batch-norm-grad.js';
import { meanGradConfig } from './gradients/mean-grad.js';
import { reluGradConfig } from './gradients/relu-grad.js';

/** Gradients that replace tfjs's own where those waste time; the same math, any backend. */
export const trainingGradients: readonly GradConfig[] = [fusedBatchNormGradConfig, meanGradConfig, reluGradConfig];

/** tfjs's own gradients that ours replaced, to put back. */
const replaced = new Map<string, GradConfig>();

/**
 * Registers `trainingGradients` (true) or puts tfjs's own back (false). Gradients are global
 * in tfjs, not per backend, so the backend selection calls this for the backend it starts.
 */
export function useTrainingGradients(enabled: boolean): void {
  for (const config of trainingGradients) {
    const current = getGradient(config.kernelName);
    if (enabled && current !== config) {
      if (current !== undefined && !replaced.has(config.kernelName)) replaced.set(config.kernelName, current);
      registerGradient(config);
    }
    const original = replaced.get(config.kernelName);
    if (!enabled && current === config && original !== undefined) registerGradient(original);
  }
}
