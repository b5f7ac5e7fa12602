import { imageBytes, type ImageShape } from './cifar-split.js';
import { DataError } from './data-error.js';
import type { Random } from './seeded-random.js';

/**
 * Horizontal flip. `random`: a fresh coin per image per epoch. `alternate` (airbench, Jordan 2024):
 * one fixed coin per image, mirrored in even epochs iff it is set and in odd epochs iff it is not,
 * so every image is seen both ways in any two consecutive epochs. `none`: never.
 */
export type FlipMode = 'random' | 'alternate' | 'none';

const FLIP_MODES: readonly FlipMode[] = ['random', 'alternate', 'none'];

/** Random crop (of the image's own size) from the image padded on each side, then a horizontal flip. */
export interface AugmentOptions {
  /** Pixels of padding on each side before cropping; default 4. 0 turns cropping off. */
  padding?: number;
  /** `zero`: black border (default). `reflect`: mirror the image without repeating the edge pixel. */
  paddingMode?: 'zero' | 'reflect';
  /** Default `random`. */
  flip?: FlipMode;
}

export const AUGMENT_DEFAULTS: Readonly<Required<AugmentOptions>> = { padding: 4, paddingMode: 'zero', flip: 'random' };

/** Checks `options` and fills in the defaults; unknown keys are rejected, so a misspelt option is not silently ignored. */
export function resolveAugment(options: AugmentOptions, shape: ImageShape): Required<AugmentOptions> {
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(AUGMENT_DEFAULTS, key));
  if (unknown.length > 0) {
    throw new DataError(`augment has unknown option '${unknown[0]}'; expected padding, paddingMode or flip`);
  }
  const { padding, paddingMode, flip } = { ...AUGMENT_DEFAULTS, ...options };
  if (!Number.isInteger(padding) || padding < 0) {
    throw new DataError(`augment padding must be a non-negative integer, got ${padding}`);
  }
  if (paddingMode !== 'zero' && paddingMode !== 'reflect') {
    throw new DataError(`augment paddingMode must be 'zero' or 'reflect', got '${String(paddingMode)}'`);
  }
  if (!FLIP_MODES.includes(flip)) {
    throw new DataError(`augment flip must be 'random', 'alternate' or 'none', got ${JSON.stringify(flip)}`);
  }
  if (paddingMode === 'reflect' && padding >= Math.min(shape.height, shape.width)) {
    throw new DataError(`reflect padding ${padding} must be smaller than the image (${shape.height}x${shape.width})`);
  }
  return { padding, paddingMode, flip };
}

/** Source index for padded coordinate `i` (already shifted back by the padding); -1 means a zero pixel. */
function sourceIndex(i: number, n: number, mode: Required<AugmentOptions>['paddingMode']): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'zero') return -1;
  return i < 0 ? -i : 2 * (n - 1) - i;
}

/**
 * Augments `count` NHWC images from `src` into `dst` (same size). Draws two numbers per image from
 * `random` (the crop), and a third with flip `random`, in image order, so results depend only on
 * the generator's seed. With flip `alternate` (only), `mirrored[n]` (non-zero: mirror) decides image n.
 */
export function augmentBatchInto(
  src: Uint8Array,
  dst: Uint8Array,
  count: number,
  shape: ImageShape,
  options: AugmentOptions,
  random: Random,
  mirrored?: Uint8Array,
): void {
  const { padding, paddingMode, flip } = resolveAugment(options, shape);
  if (flip === 'alternate' && !(mirrored && mirrored.length >= count)) {
    throw new DataError(`augment flip 'alternate' needs a mirrored flag for each of the ${count} images, got ${mirrored?.length ?? 'none'}`);
  }
  const { height, width, channels } = shape;
  const size = imageBytes(shape);
  const rowBytes = width * channels;
  const columns = new Int32Array(width);
  for (let n = 0; n < count; n++) {
    const dx = Math.floor(random() * (2 * padding + 1)) - padding;
    const dy = Math.floor(random() * (2 * padding + 1)) - padding;
    const mirror = mirrored && flip === 'alternate' ? mirrored[n] !== 0 : flip === 'random' && random() < 0.5;
    for (let x = 0; x < width; x++) {
      const sx = sourceIndex((mirror ? width - 1 - x : x) + dx, width, paddingMode);
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
  mirrored?: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(count * imageBytes(shape));
  augmentBatchInto(images, out, count, shape, options, random, mirrored);
  return out;
}
