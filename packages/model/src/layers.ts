import * as tf from '@tensorflow/tfjs';
import { BatchNormalization } from './batch-normalization.js';
import { Conv2D } from './conv2d.js';
import { deriveSeed } from './seed.js';
import type { BatchNormSpec, KernelInitializerName } from './spec.js';

/** What every conv, BN and dense layer of a network shares. */
export interface LayerSettings {
  useBias: boolean;
  kernelInitializer: KernelInitializerName;
  weightDecay: number;
  batchNorm: BatchNormSpec;
  /** Omit for unseeded (random) initial weights. */
  seed?: number;
}

/** Named layer constructors that apply the shared settings; one per network or block. */
export interface LayerFactory {
  conv(name: string, filters: number, kernelSize: number, stride: number): tf.layers.Layer;
  batchNorm(name: string): tf.layers.Layer;
  relu(name: string): tf.layers.Layer;
  /** Dense, with softmax for probabilities: the network's output. */
  classifier(name: string, units: number, head: 'softmax' | 'logits', useBias: boolean): tf.layers.Layer;
}

type Initializer = ReturnType<typeof tf.initializers.heNormal>;

const INITIALIZERS: Record<KernelInitializerName, (seed?: number) => Initializer> = {
  heNormal: (seed) => tf.initializers.heNormal({ seed }),
  heUniform: (seed) => tf.initializers.heUniform({ seed }),
  glorotNormal: (seed) => tf.initializers.glorotNormal({ seed }),
  glorotUniform: (seed) => tf.initializers.glorotUniform({ seed }),
  leCunNormal: (seed) => tf.initializers.leCunNormal({ seed }),
  leCunUniform: (seed) => tf.initializers.leCunUniform({ seed }),
  // Variance 1/(3 fanIn) from a uniform draw: U(±1/sqrt(fanIn)).
  torchUniform: (seed) => tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform', seed }),
};

/** `layer.apply` on symbolic tensors, typed for the single output every layer here has. */
export function applyLayer(layer: tf.layers.Layer, input: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor {
  return layer.apply(input) as tf.SymbolicTensor;
}

export function createLayerFactory(settings: LayerSettings): LayerFactory {
  const kernelInitializer = (name: string) =>
    INITIALIZERS[settings.kernelInitializer](
      settings.seed === undefined ? undefined : deriveSeed(settings.seed, name),
    );
  // No regularizer at all when off, so the model has no zero-valued losses to compute.
  const kernelRegularizer = () =>
    settings.weightDecay > 0 ? tf.regularizers.l2({ l2: settings.weightDecay }) : undefined;

  return {
    conv: (name, filters, kernelSize, stride) =>
      new Conv2D({
        name,
        filters,
        kernelSize,
        strides: stride,
        padding: 'same',
        useBias: settings.useBias,
        kernelInitializer: kernelInitializer(name),
        kernelRegularizer: kernelRegularizer(),
      }),
    batchNorm: (name) =>
      new BatchNormalization({
        name,
        momentum: settings.batchNorm.momentum,
        epsilon: settings.batchNorm.epsilon,
      }),
    relu: (name) => tf.layers.reLU({ name }),
    classifier: (name, units, head, useBias) =>
      tf.layers.dense({
        name,
        units,
        useBias,
        activation: head === 'softmax' ? 'softmax' : 'linear',
        kernelInitializer: kernelInitializer(name),
        kernelRegularizer: kernelRegularizer(),
      }),
  };
}
