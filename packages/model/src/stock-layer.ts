import * as tf from '@tensorflow/tfjs';

/** A tfjs-layers layer class, constructed from its factory's arguments. */
export type StockLayerClass<Args> = new (args: Args) => tf.layers.Layer;

/**
 * tfjs-layers' own class of a layer, which tfjs exports only through its factories and class
 * registry: ours extend it, keeping its config, weights and class name. Annotate the constant
 * that holds it (`const Stock: StockLayerClass<Args> = ...`): an inferred type names tfjs-layers'
 * internal modules in the emitted declarations, which a consumer's TypeScript cannot resolve.
 */
export function stockLayerClass<Args>(className: string): StockLayerClass<Args> {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (entry === undefined) throw new Error(`tfjs-layers registers no layer class named ${className}`);
  return entry[0] as unknown as StockLayerClass<Args>;
}
