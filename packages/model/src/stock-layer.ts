import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-layers' own class of a layer, which tfjs exports only through its factories and class
 * registry: ours extend it, keeping its config, weights and class name.
 */
export function stockLayerClass<Args>(className: string): new (args: Args) => tf.layers.Layer {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (entry === undefined) throw new Error(`tfjs-layers registers no layer class named ${className}`);
  return entry[0] as unknown as new (args: Args) => tf.layers.Layer;
}
