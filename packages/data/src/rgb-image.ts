/** One image as uint8 RGB, row-major HWC (the layout of `CifarSplit.images`), at its own size. */
export interface RgbImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Decoded RGBA pixels, as a canvas's `ImageData` or a PNG decoder gives them. */
export interface RgbaPixels {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** Drops alpha: CIFAR images have none, and the network takes 3 channels. */
export function rgbaToRgb(image: RgbaPixels): RgbImage {
  const count = image.width * image.height;
  const pixels = new Uint8Array(count * 3);
  for (let i = 0; i < count; i++) {
    pixels[i * 3] = image.data[i * 4];
    pixels[i * 3 + 1] = image.data[i * 4 + 1];
    pixels[i * 3 + 2] = image.data[i * 4 + 2];
  }
  return { width: image.width, height: image.height, pixels };
}
