/** Image geometry of a split; CIFAR-10 is 32x32x3. */
export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** One split as uint8 NHWC pixels (row-major, channels last) and one label byte per image. */
export interface CifarSplit extends ImageShape {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface Cifar10 {
  train: CifarSplit;
  test: CifarSplit;
  classNames: string[];
}

export function imageBytes(shape: ImageShape): number {
  return shape.height * shape.width * shape.channels;
}
