import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  parseFraction,
  parseNonNegativeInt,
  parseNonNegativeNumber,
  parsePositiveInt,
  parsePositiveNumber,
} from './parse-number.js';

describe('number option parsers', () => {
  it('accept valid values', () => {
    expect(parsePositiveInt('64')).toBe(64);
    expect(parseNonNegativeInt('0')).toBe(0);
    expect(parsePositiveNumber('1e-3')).toBe(0.001);
    expect(parseNonNegativeNumber('0')).toBe(0);
    expect(parseFraction('0.1')).toBe(0.1);
  });

  it.each([
    [parsePositiveInt, '0'],
    [parsePositiveInt, '1.5'],
    [parsePositiveInt, 'ten'],
    [parseNonNegativeInt, '-1'],
    [parsePositiveNumber, '0'],
    [parsePositiveNumber, ''],
    [parsePositiveNumber, 'Infinity'],
    [parseNonNegativeNumber, '-0.1'],
    [parseNonNegativeNumber, 'NaN'],
    [parseFraction, '1'],
    [parseFraction, '-0.5'],
  ])('%o rejects "%s" with a usage error naming the value', (parse, value) => {
    expect(() => parse(value)).toThrow(InvalidArgumentError);
    expect(() => parse(value)).toThrow(`"${value}"`);
  });
});
