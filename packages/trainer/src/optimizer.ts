import * as tf from '@tensorflow/tfjs';
import { FusedAdamOptimizer } from './fused-adam.js';
import { MomentumOptimizer } from './momentum-optimizer.js';
import { MuonOptimizer } from './muon.js';

export type OptimizerConfig =
  /** Keras defaults: beta1 0.9, beta2 0.999, epsilon 1e-7. */
  | { name: 'adam'; lr: number; beta1?: number; beta2?: number; epsilon?: number }
  /** Plain SGD, or heavy-ball / Nesterov momentum when momentum > 0. */
  | { name: 'sgd'; lr: number; momentum?: number; nesterov?: boolean }
  /**
   * Muon on the conv filters (lr `muonLr`, Nesterov momentum `muonMomentum`, default 0.6), SGD
   * with `momentum` and `nesterov` on every other weight (lr `lr`); the schedule scales both.
   */
  | { name: 'muon'; lr: number; momentum?: number; nesterov?: boolean; muonLr: number; muonMomentum?: number };

/** airbench94_muon's momentum for the filters' Muon steps. */
export const MUON_DEFAULTS = { muonMomentum: 0.6 } as const;

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
      const momentum = checkedMomentum(config);
      const sgd = momentum > 0 ? new MomentumOptimizer(config.lr, momentum, config.nesterov ?? false) : tf.train.sgd(config.lr);
      return { optimizer: sgd, setLearningRate: onChange(config.lr, (lr) => sgd.setLearningRate(lr)) };
    }
    case 'muon': {
      const momentum = checkedMomentum(config);
      const muonMomentum = config.muonMomentum ?? MUON_DEFAULTS.muonMomentum;
      if (!(config.muonLr > 0) || !Number.isFinite(config.muonLr)) throw new Error(`optimizer.muonLr must be a positive number, got ${config.muonLr}`);
      if (!(muonMomentum >= 0 && muonMomentum < 1)) throw new Error(`optimizer.muonMomentum must be in [0, 1), got ${muonMomentum}`);
      const muon = new MuonOptimizer({ lr: config.lr, momentum, nesterov: config.nesterov ?? false, muonLr: config.muonLr, muonMomentum });
      return { optimizer: muon, setLearningRate: onChange(config.lr, (lr) => muon.setLearningRate(lr)) };
    }
    default:
      throw new Error(`unknown optimizer ${JSON.stringify((config as { name: unknown }).name)}: expected "adam", "sgd" or "muon"`);
  }
}

function checkedMomentum(config: { momentum?: number; nesterov?: boolean }): number {
  const momentum = config.momentum ?? 0;
  if (momentum < 0 || momentum >= 1) throw new Error(`optimizer.momentum must be in [0, 1), got ${momentum}`);
  if (config.nesterov && momentum === 0) throw new Error('optimizer.nesterov needs a momentum above 0');
  return momentum;
}

/** SGD's setLearningRate replaces a kept scalar, so it is called only on a change. */
function onChange(initial: number, set: (lr: number) => void): (lr: number) => void {
  let current = initial;
  return (lr) => {
    if (lr !== current) set(lr);
    current = lr;
  };
}
