import * as tf from '@tensorflow/tfjs';
import type { SerializedWeights } from './types.js';

/** Copies the optimizer's slots (iteration count, moments) out of the backend. */
export async function saveOptimizerWeights(optimizer: tf.Optimizer): Promise<SerializedWeights> {
  const named = await optimizer.getWeights();
  try {
    const { data, specs } = await tf.io.encodeWeights(named);
    return { data, specs };
  } finally {
    // Only the iteration scalar is a fresh tensor; the rest are the optimizer's live variables.
    for (const { name, tensor } of named) if (name === 'iter') tensor.dispose();
  }
}

/** Restores slots saved by `saveOptimizerWeights` into a fresh optimizer of the same kind. */
export async function loadOptimizerWeights(optimizer: tf.Optimizer, weights: SerializedWeights): Promise<void> {
  const map = tf.io.decodeWeights(weights.data, weights.specs);
  // The optimizer matches slots to variables by position, so keep the saved order.
  const named = weights.specs.map((spec) => ({ name: spec.name, tensor: map[spec.name] }));
  try {
    await optimizer.setWeights(named);
  } finally {
    // setWeights wraps each tensor in a new variable, so the decoded copies are ours to free.
    tf.dispose(named.map((n) => n.tensor));
  }
}
