/** A convolution's padding as tfjs takes it: a name, or [[0, 0], [top, bottom], [left, right], [0, 0]]. */
export type ConvPad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

/** Uneven explicit padding, each side different: the case the named paddings never make. */
export const EXPLICIT_PAD: ConvPad = [
  [0, 0],
  [2, 0],
  [1, 3],
  [0, 0],
];

/** An NHWC convolution of a batch x h x w x inC input with a k x k x inC x outC filter. */
export interface ConvCase {
  batch: number;
  h: number;
  w: number;
  k: number;
  stride: number;
  pad: ConvPad;
  inC: number;
  outC: number;
}
