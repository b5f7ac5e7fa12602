import { describe, expect, it } from 'vitest';
import { deriveSeed } from './seed.js';

describe('deriveSeed', () => {
  it('depends only on the seed and the key', () => {
    expect(deriveSeed(7, 'stem_conv')).toBe(deriveSeed(7, 'stem_conv'));
    expect(deriveSeed(7, 'stem_conv')).not.toBe(deriveSeed(8, 'stem_conv'));
    expect(deriveSeed(7, 'stem_conv')).not.toBe(deriveSeed(7, 'stage1_block1_conv1'));
  });

  it('gives unsigned 32-bit integers', () => {
    for (const key of ['a', 'stage3_block9_conv2', '']) {
      const seed = deriveSeed(123456789, key);
      expect(Number.isInteger(seed)).toBe(true);
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(seed).toBeLessThan(2 ** 32);
    }
  });
});
