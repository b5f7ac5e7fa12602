import * as tf from '@tensorflow/tfjs';
import type { Batch, BatchIterator } from './batch-iterator.js';

/** The batch's int32 labels as float32: tfjs-layers' sparseCategoricalCrossentropy floors them and rejects int32. */
function* withFloatLabels(batches: Iterable<Batch>): Generator<Batch, void, undefined> {
  for (const { xs, ys } of batches) {
    const labels = tf.cast(ys, 'float32');
    ys.dispose();
    yield { xs, ys: labels };
  }
}

/**
 * A `tf.data.Dataset` of the iterator's batches for `model.fitDataset`, labels as float32.
 * Without `epoch`, each new pass over the dataset (fitDataset makes one per epoch) is the next
 * epoch: 0, 1, 2, ... fitDataset disposes each batch after its step.
 */
export function toTfDataset(source: BatchIterator, epoch?: number): tf.data.Dataset<Batch> {
  let next = 0;
  return tf.data.generator(() => withFloatLabels(source.batches(epoch ?? next++)));
}
