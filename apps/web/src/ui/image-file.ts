import { rgbaToRgb } from '@resnet/data';
import type { NamedRgbImage } from '../protocol.js';

/**
 * Decodes an image file to uint8 RGB at its own size. The bytes are taken as stored (no
 * colour-space conversion, no premultiplied alpha), so they match what a Node decoder reads;
 * resizing happens in the worker, the same way the CLI does it.
 */
export async function readImageFile(file: File): Promise<NamedRgbImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw new Error(`${file.name}: not an image this browser can decode (expected PNG, JPEG, WebP or GIF)`);
  }
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('this browser has no 2D canvas to read image pixels');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { name: file.name, ...rgbaToRgb(context.getImageData(0, 0, width, height)) };
}
