import { describe, expect, it } from 'vitest';
import { topK } from './top-k.js';

describe('topK', () => {
  it('ranks classes by probability, best first', () => {
    expect(topK([0.1, 0.6, 0.05, 0.25], 3)).toEqual([
      { index: 1, probability: 0.6 },
      { index: 3, probability: 0.25 },
      { index: 0, probability: 0.1 },
    ]);
  });

  it('breaks ties by class index and caps k at the class count', () => {
    expect(topK(new Float32Array([0.5, 0.5]), 3).map((r) => r.index)).toEqual([0, 1]);
  });
});
