import { describe, expect, it } from 'vitest';
import { mixSeed, mulberry32, shuffledIndices } from './seeded-random.js';

describe('seeded random', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    for (const value of draw(3)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('mixes seed parts into distinct streams', () => {
    expect(mixSeed(0, 1, 1)).not.toBe(mixSeed(0, 1, 2));
    expect(mixSeed(0, 1, 1)).not.toBe(mixSeed(0, 2, 1));
    expect(mixSeed(5, 0)).not.toBe(mixSeed(5 + 2 ** 32, 0));
    expect(mixSeed(7, 3)).toBe(mixSeed(7, 3));
  });

  it('shuffles into a permutation', () => {
    const order = shuffledIndices(100, mulberry32(9));
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(order)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
