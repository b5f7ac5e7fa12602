import { mulberry32 } from '@resnet/data';
import * as tf from '@tensorflow/tfjs';
import type { Batch, BatchSource } from '../types.js';

export const TOY = { size: 8, channels: 3, classes: 3 } as const;

/**
 * A learnable set: class c lights up channel c of an 8x8 image, plus noise (a signal that
 * survives global average pooling). Order is shuffled per
 * (seed, epoch), like @resnet/data's iterator.
 */
export function toySource(options: { count: number; batchSize: number; seed: number; poisonFrom?: number }): BatchSource & { produced(): number } {
  const { count, batchSize, seed } = options;
  const { size, channels, classes } = TOY;
  const random = mulberry32(seed);
  const pixels = size * size * channels;
  const images = new Float32Array(count * pixels);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    labels[i] = label;
    for (let p = 0; p < pixels; p++) {
      images[i * pixels + p] = (p % channels === label ? 0.6 : 0.2) + 0.4 * random();
    }
  }
  if (options.poisonFrom !== undefined) images.fill(Number.NaN, options.poisonFrom * pixels);
  let produced = 0;
  return {
    batchesPerEpoch: Math.ceil(count / batchSize),
    size: count,
    produced: () => produced,
    *batches(epoch: number): Iterable<Batch> {
      const order = Array.from({ length: count }, (_, i) => i);
      const shuffle = mulberry32(seed * 1000 + epoch);
      for (let i = count - 1; i > 0; i--) {
        const j = Math.floor(shuffle() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (let start = 0; start < count; start += batchSize) {
        const index = order.slice(start, start + batchSize);
        const xs = new Float32Array(index.length * pixels);
        index.forEach((src, k) => xs.set(images.subarray(src * pixels, (src + 1) * pixels), k * pixels));
        produced++;
        yield {
          xs: tf.tensor4d(xs, [index.length, size, size, channels]),
          ys: tf.tensor1d(index.map((src) => labels[src]), 'int32'),
        };
      }
    },
  };
}

/** Conv(4) → BN → ReLU → global average pool → Dense(softmax), seeded. */
export function toyModel(options: { seed?: number; weightDecay?: number } = {}): tf.LayersModel {
  const seed = options.seed ?? 1;
  const kernelRegularizer = options.weightDecay ? tf.regularizers.l2({ l2: options.weightDecay }) : undefined;
  const input = tf.input({ shape: [TOY.size, TOY.size, TOY.channels] });
  let x = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed }), kernelRegularizer })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: TOY.classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }), kernelRegularizer })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

/** All weights (trainable and not) as plain arrays, for comparisons. */
export function weightValues(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}
