import * as tf from '@tensorflow/tfjs';
import { GlobalMaxPooling2D } from './global-max-pooling.js';
import { applyIdentityInit } from './identity-init.js';
import { applyLayer as apply, createLayerFactory, type LayerFactory } from './layers.js';
import { getPreset, type PresetName } from './presets.js';
import { registerModelLayers } from './register-model-layers.js';
import { residualBlock } from './residual-block.js';
import type { BatchNormSpec, NetworkSpec, ShortcutKind } from './spec.js';
import { validateSpec } from './validate-spec.js';
import { whiteningConv } from './whitening.js';

/** What the network outputs: class probabilities (as the Keras seed network) or raw scores. */
export type HeadKind = 'softmax' | 'logits';

/** Overrides applied on top of the spec; `seed` makes the initial weights reproducible. */
export interface BuildOptions {
  seed?: number;
  inputShape?: [number, number, number];
  numClasses?: number;
  weightDecay?: number;
  shortcut?: ShortcutKind;
  /** Any of the spec's BatchNorm settings, e.g. `{ momentum: 0.9 }` for short runs. */
  batchNorm?: Partial<BatchNormSpec>;
  /** Default 'softmax'. Trainers compute the loss from logits either way (see `modelLogits`). */
  head?: HeadKind;
}

function resolveSpec(spec: NetworkSpec | PresetName, options: BuildOptions): NetworkSpec {
  const base = typeof spec === 'string' ? getPreset(spec) : spec;
  return {
    ...base,
    inputShape: options.inputShape ?? base.inputShape,
    numClasses: options.numClasses ?? base.numClasses,
    weightDecay: options.weightDecay ?? base.weightDecay,
    shortcut: options.shortcut ?? base.shortcut,
    batchNorm: { ...base.batchNorm, ...options.batchNorm },
  };
}

/** A `conv-pool` stage entry: pooling before BN normalizes a quarter of the values. */
function convPoolEntry(x: tf.SymbolicTensor, name: string, filters: number, stride: number, layers: LayerFactory): tf.SymbolicTensor {
  x = apply(layers.conv(`${name}_conv`, filters, 3, 1), x);
  if (stride > 1) x = apply(tf.layers.maxPooling2d({ name: `${name}_pool`, poolSize: stride, strides: stride, padding: 'valid' }), x);
  return apply(layers.relu(`${name}_relu`), apply(layers.batchNorm(`${name}_bn`), x));
}

/**
 * Builds the network a spec (or preset name) describes, outputting class probabilities
 * [batch, numClasses] (or logits, with `head: 'logits'`). Layer names are stable (`stem_conv`, `stage2_block1_conv1`, ...), and
 * each initializer's seed derives from `seed` and the layer's name.
 */
export function buildModel(spec: NetworkSpec | PresetName, options: BuildOptions = {}): tf.LayersModel {
  const resolved = resolveSpec(spec, options);
  validateSpec(resolved);
  registerModelLayers();

  const settings = {
    useBias: resolved.useBias,
    kernelInitializer: resolved.kernelInitializer,
    weightDecay: resolved.weightDecay,
    batchNorm: resolved.batchNorm,
    seed: options.seed,
  };
  const layers = createLayerFactory(settings);

  const input = tf.input({ shape: resolved.inputShape, name: 'input' });
  const { stem } = resolved;
  let x: tf.SymbolicTensor;
  if (stem.kind === 'whitening') {
    x = apply(layers.relu('stem_relu'), apply(whiteningConv(stem.kernelSize, stem.filters), input));
  } else {
    x = apply(layers.conv('stem_conv', stem.filters, stem.kernelSize, stem.stride), input);
    if (stem.batchNormRelu) x = apply(layers.relu('stem_relu'), apply(layers.batchNorm('stem_bn'), x));
  }
  resolved.stages.forEach((stage, s) => {
    const convPool = stage.entry === 'conv-pool';
    if (convPool) x = convPoolEntry(x, `stage${s + 1}`, stage.filters, stage.stride, layers);
    for (let b = 0; b < stage.blocks; b++) {
      x = residualBlock(x, {
        ...settings,
        name: `stage${s + 1}_block${b + 1}`,
        kind: resolved.block,
        filters: stage.filters,
        stride: b === 0 && !convPool ? stage.stride : 1,
        shortcut: resolved.shortcut,
      });
    }
  });
  if (resolved.head.batchNormRelu) {
    x = apply(layers.relu('head_relu'), apply(layers.batchNorm('head_bn'), x));
  }
  const output = classifierHead(x, resolved, layers, options.head ?? 'softmax');
  const model = tf.model({ inputs: input, outputs: output, name: resolved.name });
  if (resolved.identityInit) applyIdentityInit(model);
  return model;
}

/** Global pooling, the Dense classifier, and the logit scale (before the softmax) when there is one. */
function classifierHead(x: tf.SymbolicTensor, spec: NetworkSpec, layers: LayerFactory, kind: HeadKind): tf.SymbolicTensor {
  const { pooling = 'average', logitScale = 1, classifierBias = true } = spec.head;
  x = apply(pooling === 'max' ? new GlobalMaxPooling2D({ name: 'pool' }) : tf.layers.globalAveragePooling2d({ name: 'pool' }), x);
  if (logitScale === 1) return apply(layers.classifier('classifier', spec.numClasses, kind, classifierBias), x);
  x = apply(layers.classifier('classifier', spec.numClasses, 'logits', classifierBias), x);
  x = apply(tf.layers.rescaling({ name: 'logit_scale', scale: logitScale }), x);
  return kind === 'softmax' ? apply(tf.layers.activation({ name: 'probabilities', activation: 'softmax' }), x) : x;
}
