import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { stockLayerClass } from './stock-layer.js';

describe('stockLayerClass', () => {
  it('returns the class tfjs-layers’ factory builds', () => {
    const Dense = stockLayerClass<{ units: number }>('Dense');
    expect(tf.layers.dense({ units: 2 })).toBeInstanceOf(Dense);
    expect(new Dense({ units: 2 }).getClassName()).toBe('Dense');
  });

  it('names a class tfjs-layers does not have', () => {
    expect(() => stockLayerClass('NoSuchLayer')).toThrow('tfjs-layers registers no layer class named NoSuchLayer');
  });
});
