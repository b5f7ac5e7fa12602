import { describe, expect, it } from 'vitest';
import { keptFor, KeptValues } from './kept-values.js';

describe('KeptValues', () => {
  it('counts hits and misses, and lets the least recently used go past its limit', () => {
    const letGo: string[] = [];
    const kept = new KeptValues<string>(2, (value) => letGo.push(value));
    expect(kept.find('a')).toBeUndefined();
    kept.keep('a', 'A');
    kept.keep('b', 'B');
    expect(kept.find('a')).toBe('A'); // a is now younger than b
    kept.keep('c', 'C');
    expect(letGo).toEqual(['B']);
    expect(kept.find('b')).toBeUndefined();
    expect([kept.find('a'), kept.find('c')]).toEqual(['A', 'C']);
    expect({ hits: kept.hits, misses: kept.misses }).toEqual({ hits: 3, misses: 2 });
  });

  it('lets go at once what a lower limit leaves out, oldest first', () => {
    const letGo: string[] = [];
    const kept = new KeptValues<string>(3, (value) => letGo.push(value));
    for (const key of ['a', 'b', 'c']) kept.keep(key, key.toUpperCase());
    kept.limit = 1;
    expect(letGo).toEqual(['A', 'B']);
    expect(kept.find('c')).toBe('C');
  });
});

describe('keptFor', () => {
  it('sets up once per owner; a later call sets the limit', () => {
    const registry = new WeakMap<object, KeptValues<number>>();
    const owner = {};
    let setUps = 0;
    const setUp = () => {
      setUps++;
      return new KeptValues<number>(8);
    };
    const first = keptFor(registry, owner, 8, setUp);
    const second = keptFor(registry, owner, 3, setUp);
    expect(second).toBe(first);
    expect(second.limit).toBe(3);
    expect(setUps).toBe(1);
    expect(keptFor(registry, {}, 8, setUp)).not.toBe(first);
  });
});
