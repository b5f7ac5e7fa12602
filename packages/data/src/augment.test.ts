import { describe, expect, it } from 'vitest';
import { augmentBatch } from './augment.js';
import type { ImageShape } from './cifar-split.js';
import { mulberry32, type Random } from './seeded-random.js';

const shape: ImageShape = { height: 4, width: 4, channels: 1 };
// Pixel value = 10 * row + column + 1, so zero means padding.
const image = Uint8Array.from({ length: 16 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4) + 1);
const rows = (pixels: Uint8Array) => Array.from({ length: 4 }, (_, y) => Array.from(pixels.subarray(y * 4, y * 4 + 4)));

/** A generator that returns fixed draws: crop x, crop y, flip (each in [0, 1)). */
function fixed(...draws: number[]): Random {
  let i = 0;
  return () => draws[i++];
}

describe('augmentBatch', () => {
  it('keeps the image when the crop is centred and there is no flip', () => {
    // padding 1: offsets are floor(draw * 3) - 1, so 0.5 -> 0.
    expect(augmentBatch(image, 1, shape, { padding: 1 }, fixed(0.5, 0.5, 0.9))).toEqual(image);
  });

  it('shifts with a zero border', () => {
    // dx = -1 (draw 0), dy = +1 (draw 0.99): output(y, x) = input(y + 1, x - 1).
    const out = augmentBatch(image, 1, shape, { padding: 1 }, fixed(0, 0.99, 0.9));
    expect(rows(out)).toEqual([
      [0, 11, 12, 13],
      [0, 21, 22, 23],
      [0, 31, 32, 33],
      [0, 0, 0, 0],
    ]);
  });

  it('reflects without repeating the edge', () => {
    const out = augmentBatch(image, 1, shape, { padding: 1, paddingMode: 'reflect' }, fixed(0, 0.5, 0.9));
    expect(rows(out)[0]).toEqual([2, 1, 2, 3]);
  });

  it('flips left-right', () => {
    const out = augmentBatch(image, 1, shape, { padding: 1 }, fixed(0.5, 0.5, 0.1));
    expect(rows(out)[2]).toEqual([24, 23, 22, 21]);
  });

  it('draws every offset in [-padding, padding] and flips about half the images', () => {
    const count = 400;
    const batch = new Uint8Array(count * 16);
    for (let n = 0; n < count; n++) batch.set(image, n * 16);
    const out = augmentBatch(batch, count, shape, { padding: 1 }, mulberry32(3));
    const seen = new Set<string>();
    let flipped = 0;
    for (let n = 0; n < count; n++) {
      const one = out.subarray(n * 16, n * 16 + 16);
      seen.add(rows(one).map((row) => row.join(',')).join('/'));
      // The middle 2x2 of an unflipped image increases to the right.
      if (one[5] > one[6]) flipped++;
    }
    expect(seen.size).toBe(18); // 3 x offsets * 3 y offsets * 2 flips
    expect(flipped).toBeGreaterThan(150);
    expect(flipped).toBeLessThan(250);
  });

  it('mirrors exactly the flagged images with flip alternate, drawing only the crop', () => {
    const pair = new Uint8Array(32);
    pair.set(image, 0);
    pair.set(image, 16);
    // Crops of (dx, dy) = (0, 0) for both images: a third draw per image would shift the second.
    const out = augmentBatch(pair, 2, shape, { padding: 1, flip: 'alternate' }, fixed(0.5, 0.5, 0.5, 0.5), Uint8Array.of(1, 0));
    expect(rows(out.subarray(0, 16))[0]).toEqual([4, 3, 2, 1]);
    expect(out.subarray(16)).toEqual(image);
  });

  it('crops an image the same way whichever flip mode decides its mirroring', () => {
    const draws = mulberry32(11);
    for (let trial = 0; trial < 20; trial++) {
      const crop = [draws(), draws()];
      const coin = draws();
      const random = augmentBatch(image, 1, shape, { padding: 1 }, fixed(...crop, coin));
      const alternate = augmentBatch(image, 1, shape, { padding: 1, flip: 'alternate' }, fixed(...crop), Uint8Array.of(coin < 0.5 ? 1 : 0));
      expect(alternate).toEqual(random);
    }
  });

  it('never flips with flip none', () => {
    const count = 50;
    const batch = new Uint8Array(count * 16);
    for (let n = 0; n < count; n++) batch.set(image, n * 16);
    const out = augmentBatch(batch, count, shape, { padding: 0, flip: 'none' }, mulberry32(5));
    expect(out).toEqual(batch);
  });

  it('is repeatable for a seed', () => {
    const a = augmentBatch(image, 1, shape, {}, mulberry32(1));
    expect(augmentBatch(image, 1, shape, {}, mulberry32(1))).toEqual(a);
  });

  it('rejects a bad flip mode, an unknown option and alternate without flags', () => {
    const run = (options: object, mirrored?: Uint8Array) => () => augmentBatch(image, 1, shape, options, mulberry32(1), mirrored);
    expect(run({ flip: true })).toThrow(/augment flip must be 'random', 'alternate' or 'none', got true/);
    expect(run({ flip: 'sometimes' })).toThrow(/augment flip must be 'random', 'alternate' or 'none', got "sometimes"/);
    expect(run({ flipMode: 'none' })).toThrow(/augment has unknown option 'flipMode'; expected padding, paddingMode or flip/);
    expect(run({ flip: 'alternate' })).toThrow(/flip 'alternate' needs a mirrored flag for each of the 1 images, got none/);
    expect(run({ flip: 'alternate' }, Uint8Array.of(1))).not.toThrow();
  });

  it('rejects reflect padding as large as the image', () => {
    expect(() => augmentBatch(image, 1, shape, { padding: 4, paddingMode: 'reflect' }, mulberry32(1))).toThrow(
      /reflect padding 4 must be smaller/,
    );
  });
});
