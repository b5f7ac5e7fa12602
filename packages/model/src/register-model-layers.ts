import * as tf from '@tensorflow/tfjs';
import { ZeroPadShortcut } from './zero-pad-shortcut.js';

/**
 * Makes saved models with this package's custom layers loadable by `tf.loadLayersModel`.
 * Idempotent; called by `buildModel()` and `loadModel()`, so import has no side effect.
 */
export function registerModelLayers(): void {
  tf.serialization.registerClass(ZeroPadShortcut);
}
