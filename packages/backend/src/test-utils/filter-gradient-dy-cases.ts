import * as tf from '@tensorflow/tfjs';
import { values } from './compare.js';

/**
 * conv2dTranspose's filter gradient passes its input as dy, which may be larger than x implies:
 * tfjs reads the top-left part of dy that x, strides and padding imply. Each backend's
 * Conv2DBackpropFilter test runs these cases against cpu.
 */
export const LARGER_DY_CASES = [
  { x: [1, 4, 4, 8], dy: [1, 8, 8, 8], k: 8, stride: 1, pad: 'same' },
  { x: [2, 5, 5, 3], dy: [2, 6, 7, 2], k: 3, stride: 2, pad: 'same' },
  { x: [1, 5, 5, 3], dy: [1, 4, 3, 2], k: 2, stride: 2, pad: 'valid' },
] as const;

export type DyCase = (typeof LARGER_DY_CASES)[number];

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b);

/** The case's filter shape. */
export function dyCaseFilterShape({ x, dy, k }: DyCase): number[] {
  return [k, k, x[3], dy[3]];
}

/** Conv2DBackpropFilter of the case, on the active backend. */
export function filterGradientOfDyCase(c: DyCase): tf.Tensor {
  return tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor(values(size(c.x), 1), [...c.x]), dy: tf.tensor(values(size(c.dy), 2), [...c.dy]) }, {
    strides: c.stride,
    pad: c.pad,
    dataFormat: 'NHWC',
    filterShape: dyCaseFilterShape(c),
  } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** Conv2DBackpropFilter with a dy smaller than x implies, and the error every backend gives. */
export function filterGradientOfSmallDy(): tf.Tensor {
  return tf.tidy(
    () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.ones([1, 5, 5, 3]), dy: tf.ones([1, 2, 2, 2]) }, {
        strides: 1,
        pad: 'same',
        dataFormat: 'NHWC',
        filterShape: [3, 3, 3, 2],
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
  );
}
export const SMALL_DY_ERROR = 'Conv2DBackpropFilter: dy is 2x2, smaller than the 5x5 that the input shape, strides and padding imply';
