import * as tf from '@tensorflow/tfjs';
import { values } from './compare.js';

/**
 * tf.conv2dTranspose takes any output shape, so its dy (its input) may be larger than the output
 * shape, strides and padding imply: tfjs reads the top-left part of dy that they imply. Each
 * backend's Conv2DBackpropInput test runs these cases against cpu.
 */
export const LARGER_INPUT_DY_CASES = [
  { x: [1, 8, 8, 8], filter: [8, 8, 8, 8], out: [1, 4, 4, 8], stride: 1, pad: 'same' },
  // Channels in 4s at stride 1: the case webgpu's kernel of ours would take if dy fitted.
  { x: [1, 8, 8, 8], filter: [3, 3, 8, 8], out: [1, 6, 6, 8], stride: 1, pad: 'same' },
  { x: [2, 6, 7, 2], filter: [3, 3, 3, 2], out: [2, 5, 5, 3], stride: 2, pad: 'same' },
  { x: [1, 5, 4, 2], filter: [2, 3, 3, 2], out: [1, 5, 5, 3], stride: 2, pad: 'valid' },
] as const;

export type InputDyCase = (typeof LARGER_INPUT_DY_CASES)[number];

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b);

/** tf.conv2dTranspose of the case, on the active backend. */
export function conv2dTransposeOfDyCase({ x, filter, out, stride, pad }: InputDyCase): tf.Tensor {
  return tf.conv2dTranspose(tf.tensor4d(values(size(x), 1), [...x]), tf.tensor4d(values(size(filter), 2), [...filter]), [...out], stride, pad);
}

/** tf.conv2dTranspose with a dy smaller than its output shape implies, and the error every backend gives. */
export function conv2dTransposeOfSmallDy(): tf.Tensor {
  return tf.tidy(() => tf.conv2dTranspose(tf.ones<tf.Rank.R4>([1, 2, 2, 2]), tf.ones<tf.Rank.R4>([3, 3, 3, 2]), [1, 5, 5, 3], 1, 'same'));
}
export const SMALL_INPUT_DY_ERROR = 'Conv2DBackpropInput: dy is 2x2, smaller than the 5x5 that the input shape, strides and padding imply';
