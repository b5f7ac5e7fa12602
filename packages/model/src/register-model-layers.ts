import * as tf from '@tensorflow/tfjs';
import { BatchNormalization } from './batch-normalization.js';
import { Conv2D } from './conv2d.js';
import { GlobalMaxPooling2D } from './global-max-pooling.js';
import { ZeroPadShortcut } from './zero-pad-shortcut.js';

/** The name models saved before the package namespace used. */
const LEGACY_ZERO_PAD_SHORTCUT = 'ZeroPadShortcut';

/**
 * Makes saved models with this package's layers loadable by `tf.loadLayersModel`.
 * Idempotent; called by `buildModel()` and `loadModel()`, so import has no side effect.
 */
export function registerModelLayers(): void {
  tf.serialization.registerClass(ZeroPadShortcut);
  const classes = tf.serialization.SerializationMap.getMap().classNameMap;
  classes[LEGACY_ZERO_PAD_SHORTCUT] = classes[ZeroPadShortcut.className];
  // Under tfjs's own names: saved BatchNormalization, Conv2D and GlobalMaxPooling2D layers load as ours, which compute the same.
  tf.serialization.registerClass(BatchNormalization as unknown as tf.serialization.SerializableConstructor<tf.layers.Layer>);
  tf.serialization.registerClass(Conv2D as unknown as tf.serialization.SerializableConstructor<tf.layers.Layer>);
  tf.serialization.registerClass(GlobalMaxPooling2D as unknown as tf.serialization.SerializableConstructor<tf.layers.Layer>);
}
