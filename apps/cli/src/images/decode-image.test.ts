import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';

function pngBytes(width: number, height: number, rgba: number[]): Uint8Array {
  const png = new PNG({ width, height });
  png.data.set(rgba);
  return PNG.sync.write(png);
}

describe('decodeImage', () => {
  it('decodes a PNG to RGB, dropping alpha', () => {
    const img = decodeImage(pngBytes(2, 1, [10, 20, 30, 255, 40, 50, 60, 0]), 'a.png');
    expect(img).toMatchObject({ width: 2, height: 1 });
    expect(Array.from(img.pixels)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('decodes a JPEG to RGB within compression error', () => {
    const width = 8;
    const height = 8;
    const rgba = new Uint8Array(width * height * 4).fill(255);
    for (let p = 0; p < width * height; p++) rgba[p * 4] = 200;
    const encoded = jpeg.encode({ width, height, data: rgba }, 100).data;
    const img = decodeImage(encoded, 'a.jpg');
    expect(img).toMatchObject({ width, height });
    expect(img.pixels.length).toBe(width * height * 3);
    expect(Math.abs(img.pixels[0] - 200)).toBeLessThan(4);
    expect(Math.abs(img.pixels[1] - 255)).toBeLessThan(4);
  });

  it('names the file when the format is unknown', () => {
    expect(() => decodeImage(new Uint8Array([1, 2, 3, 4]), 'notes.txt')).toThrow(
      'notes.txt: not a PNG or JPEG file',
    );
  });

  it('names the file when a PNG is corrupt', () => {
    const bytes = pngBytes(2, 2, new Array(16).fill(0)).slice(0, 30);
    expect(() => decodeImage(bytes, 'broken.png')).toThrow('broken.png: cannot decode image');
  });
});
