import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** An 8-bit RGB image, rows top to bottom, pixels interleaved (HWC). */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Drops the alpha channel: CIFAR images have none, and the network takes 3 channels. */
function rgbaToRgb(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    rgb[p * 3] = rgba[p * 4];
    rgb[p * 3 + 1] = rgba[p * 4 + 1];
    rgb[p * 3 + 2] = rgba[p * 4 + 2];
  }
  return rgb;
}

/**
 * Decodes a PNG or JPEG file's bytes, recognised by their signature rather than the
 * file name. `name` only labels errors.
 */
export function decodeImage(bytes: Uint8Array, name: string): RgbImage {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      const png = PNG.sync.read(buffer);
      return { width: png.width, height: png.height, data: rgbaToRgb(png.data, png.width, png.height) };
    }
    if (startsWith(bytes, JPEG_SIGNATURE)) {
      const img = jpeg.decode(buffer, { useTArray: true, formatAsRGBA: false });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch (err) {
    throw new Error(`${name}: cannot decode image: ${(err as Error).message}`);
  }
  throw new Error(`${name}: not a PNG or JPEG file (unrecognised signature).`);
}
