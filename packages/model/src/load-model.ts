import * as tf from '@tensorflow/tfjs';
import { registerModelLayers } from './register-model-layers.js';

/** `tf.loadLayersModel` that also knows this package's custom layers. */
export function loadModel(source: string | tf.io.IOHandler): Promise<tf.LayersModel> {
  registerModelLayers();
  return tf.loadLayersModel(source);
}
