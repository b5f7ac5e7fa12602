import { imageBytes, type ImageShape } from './cifar-split.js';
import { DataError } from './data-error.js';
import type { Random } from './seeded-random.js';

/** Random crop (of the image's own size) from the image padded on each side, then a random horizontal flip. */
export interface AugmentOptions {
  /** Pixels of padding on each side before cropping; default 4. 0 turns cropping off. */
  padding?: number;
  /** `zero`: black border (default). `reflect`: mirror the image without repeating the edge pixel. */
  paddingMode?: 'zero' | 'reflect';
  /** Flip half the images left-right; default true. */
  flip?: boolean;
}

type ResolvedAugment = Required<AugmentOptions>;

export function resolveAugment(options: AugmentOptions, shape: ImageShape): ResolvedAugment {
  const resolved = { padding: 4, paddingMode: 'zero' as const, flip: true, ...options };
  const { padding, paddingMode } = resolved;
  if (!Number.isInteger(padding) || padding < 0) {
    throw new DataError(`augment padding must be a non-negative integer, got ${padding}`);
  }
  if (paddingMode !== 'zero' && paddingMode !== 'reflect') {
    throw new DataError(`augment paddingMode must be 'zero' or 'reflect', got '${String(paddingMode)}'`);
  }
  if (paddingMode === 'reflect' && padding >= Math.min(shape.height, shape.width)) {
    throw new DataError(`reflect padding ${padding} must be smaller than the image (${shape.height}x${shape.width})`);
  }
  return resolved;
}

/** Source index for padded coordinate `i` (already shifted back by the padding); -1 means a zero pixel. */
function sourceIndex(i: number, n: number, mode: ResolvedAugment['paddingMode']): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'zero') return -1;
  return i < 0 ? -i : 2 * (n - 1) - i;
}

/**
 * Augments `count` NHWC images from `src` into `dst` (same size). Draws three numbers per image
 * from `random`, in image order, so results depend only on the generator's seed.
 */
export function augmentBatchInto(
  src: Uint8Array,
  dst: Uint8Array,
  count: number,
  shape: ImageShape,
  options: AugmentOptions,
  random: Random,
): void {
  const { padding, paddingMode, flip } = resolveAugment(options, shape);
  const { height, width, channels } = shape;
  const size = imageBytes(shape);
  const rowBytes = width * channels;
  const columns = new Int32Array(width);
  for (let n = 0; n < count; n++) {
    const dx = Math.floor(random() * (2 * padding + 1)) - padding;
    const dy = Math.floor(random() * (2 * padding + 1)) - padding;
    const mirrored = flip && random() < 0.5;
    for (let x = 0; x < width; x++) {
      const sx = sourceIndex((mirrored ? width - 1 - x : x) + dx, width, paddingMode);
      columns[x] = sx < 0 ? -1 : sx * channels;
    }
    const base = n * size;
    for (let y = 0; y < height; y++) {
      const out = base + y * rowBytes;
      const sy = sourceIndex(y + dy, height, paddingMode);
      if (sy < 0) {
        dst.fill(0, out, out + rowBytes);
        continue;
      }
      const row = base + sy * rowBytes;
      for (let x = 0; x < width; x++) {
        const col = columns[x];
        const o = out + x * channels;
        for (let k = 0; k < channels; k++) dst[o + k] = col < 0 ? 0 : src[row + col + k];
      }
    }
  }
}

/** `augmentBatchInto` into a new array. */
export function augmentBatch(
  images: Uint8Array,
  count: number,
  shape: ImageShape,
  options: AugmentOptions,
  random: Random,
): Uint8Array {
  const out = new Uint8Array(count * imageBytes(shape));
  augmentBatchInto(images, out, count, shape, options, random);
  return out;
}
