import { describe, expect, it } from 'vitest';
import { rgbaToRgb } from './rgb-image.js';

describe('rgbaToRgb', () => {
  it('drops alpha, keeping row-major order and the size', () => {
    const data = new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 0]);
    const image = rgbaToRgb({ width: 2, height: 1, data });
    expect(image).toMatchObject({ width: 2, height: 1 });
    expect(Array.from(image.pixels)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
