/** Minimal shape of `ImageData`, so the conversions run (and are tested) without a DOM. */
export interface RgbaPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Drops alpha: RGBA canvas pixels -> uint8 RGB HWC, the layout training images use. */
export function rgbaToRgb(image: RgbaPixels): Uint8Array {
  const pixels = image.width * image.height;
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = image.data[i * 4];
    rgb[i * 3 + 1] = image.data[i * 4 + 1];
    rgb[i * 3 + 2] = image.data[i * 4 + 2];
  }
  return rgb;
}

/** One image of a uint8 NHWC batch as opaque RGBA, ready for `new ImageData(...)`. */
export function rgbToRgba(images: Uint8Array, index: number, size: number): Uint8ClampedArray<ArrayBuffer> {
  const pixels = size * size;
  const rgba = new Uint8ClampedArray(pixels * 4);
  const offset = index * pixels * 3;
  for (let i = 0; i < pixels; i++) {
    rgba[i * 4] = images[offset + i * 3];
    rgba[i * 4 + 1] = images[offset + i * 3 + 1];
    rgba[i * 4 + 2] = images[offset + i * 3 + 2];
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}
