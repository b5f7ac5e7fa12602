import * as tf from '@tensorflow/tfjs';
import { BatchNormalization } from './batch-normalization.js';
import { ZeroPadShortcut } from './zero-pad-shortcut.js';

/**
 * Makes saved models with this package's custom layers loadable by `tf.loadLayersModel`.
 * Idempotent; called by `buildModel()` and `loadModel()`, so import has no side effect.
 */
export function registerModelLayers(): void {
  tf.serialization.registerClass(ZeroPadShortcut);
  // Under tfjs's own name: saved BatchNormalization layers load as ours, which compute the same.
  tf.serialization.registerClass(BatchNormalization as unknown as tf.serialization.SerializableConstructor<tf.layers.Layer>);
}
