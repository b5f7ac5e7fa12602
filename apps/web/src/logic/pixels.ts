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
