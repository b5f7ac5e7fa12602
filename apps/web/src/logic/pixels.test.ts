import { describe, expect, it } from 'vitest';
import { rgbaToRgb, rgbToRgba } from './pixels.js';

describe('pixel layouts', () => {
  it('drops alpha from RGBA, keeping row-major order', () => {
    const data = new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 0]);
    expect(Array.from(rgbaToRgb({ width: 2, height: 1, data }))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('takes the requested image out of an NHWC batch as opaque RGBA', () => {
    const batch = new Uint8Array([9, 9, 9, 10, 20, 30]); // two 1x1 images
    expect(Array.from(rgbToRgba(batch, 1, 1))).toEqual([10, 20, 30, 255]);
  });

  it('round-trips an image', () => {
    const rgb = Uint8Array.from({ length: 2 * 2 * 3 }, (_, i) => i * 7);
    const rgba = rgbToRgba(rgb, 0, 2);
    expect(rgbaToRgb({ width: 2, height: 2, data: rgba })).toEqual(rgb);
  });
});
