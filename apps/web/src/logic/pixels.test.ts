import { rgbaToRgb } from '@resnet/data';
import { describe, expect, it } from 'vitest';
import { rgbToRgba } from './pixels.js';

describe('rgbToRgba', () => {
  it('takes the requested image out of an NHWC batch as opaque RGBA', () => {
    const batch = new Uint8Array([9, 9, 9, 10, 20, 30]); // two 1x1 images
    expect(Array.from(rgbToRgba(batch, 1, 1))).toEqual([10, 20, 30, 255]);
  });

  it("round-trips an image through @resnet/data's rgbaToRgb", () => {
    const rgb = Uint8Array.from({ length: 2 * 2 * 3 }, (_, i) => i * 7);
    const rgba = rgbToRgba(rgb, 0, 2);
    expect(rgbaToRgb({ width: 2, height: 2, data: rgba }).pixels).toEqual(rgb);
  });
});
