import * as tf from '@tensorflow/tfjs';
import { FusedAdamOptimizer } from './fused-adam.js';

export type OptimizerConfig =
  /** Keras defaults: beta1 0.9, beta2 0.999, epsilon 1e-7. */
  | { name: 'adam'; lr: number; beta1?: number; beta2?: number; epsilon?: number }
  /** Plain SGD, or heavy-ball / Nesterov momentum when momentum > 0. */
  | { name: 'sgd'; lr: number; momentum?: number; nesterov?: boolean };

/** A tfjs optimizer whose learning rate the schedule can change between steps. */
export interface ScheduledOptimizer {
  optimizer: tf.Optimizer;
  setLearningRate(lr: number): void;
}

export function createOptimizer(config: OptimizerConfig): ScheduledOptimizer {
  if (!(config.lr > 0) || !Number.isFinite(config.lr)) {
    throw new Error(`optimizer.lr must be a positive number, got ${config.lr}`);
  }
  switch (config.name) {
    case 'adam': {
      const adam = new FusedAdamOptimizer(config.lr, config.beta1 ?? 0.9, config.beta2 ?? 0.999, config.epsilon ?? 1e-7);
      // Adam reads its protected `learningRate` field on every step and has no setter.
      const writable = adam as unknown as { learningRate: number };
      return { optimizer: adam, setLearningRate: (lr) => (writable.learningRate = lr) };
    }
    case 'sgd': {
      const momentum = config.momentum ?? 0;
      if (momentum < 0 || momentum >= 1) throw new Error(`optimizer.momentum must be in [0, 1), got ${momentum}`);
      if (config.nesterov && momentum === 0) throw new Error('optimizer.nesterov needs a momentum above 0');
      const sgd = momentum > 0 ? new MomentumOptimizer(config.lr, momentum, config.nesterov ?? false) : tf.train.sgd(config.lr);
      let current = config.lr;
      return {
        optimizer: sgd,
        // setLearningRate replaces a kept scalar, so only call it on a change.
        setLearningRate: (lr) => {
          if (lr !== current) sgd.setLearningRate(lr);
          current = lr;
        },
      };
    }
    default:
      throw new Error(`unknown optimizer ${JSON.stringify((config as { name: unknown }).name)}: expected "adam" or "sgd"`);
  }
}

/** tfjs's MomentumOptimizer, whose dispose() also frees the learning-rate scalar of SGD, its base (tfjs's leaks it). */
class MomentumOptimizer extends tf.MomentumOptimizer {
  override dispose(): void {
    super.dispose();
    (this as unknown as { c: tf.Scalar }).c.dispose();
  }
}
