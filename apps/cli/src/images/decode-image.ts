import { rgbaToRgb, type RgbImage } from '@resnet/data';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
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
      return rgbaToRgb(png);
    }
    if (startsWith(bytes, JPEG_SIGNATURE)) {
      const img = jpeg.decode(buffer, { useTArray: true, formatAsRGBA: false });
      return { width: img.width, height: img.height, pixels: img.data };
    }
  } catch (err) {
    throw new Error(`${name}: cannot decode image: ${(err as Error).message}`);
  }
  throw new Error(`${name}: not a PNG or JPEG file (unrecognised signature).`);
}
