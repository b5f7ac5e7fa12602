import { describe, expect, it } from 'vitest';
import { parseModelConfig } from './model-config.js';

describe('parseModelConfig', () => {
  it('reads the normalization and class names and keeps the other fields', () => {
    const config = { version: 1, normalization: 'standardize', classNames: ['a', 'b'], epochs: 3 };
    expect(parseModelConfig(JSON.stringify(config), 'config.json')).toEqual(config);
  });

  it('names the field when class names are not strings', () => {
    expect(() => parseModelConfig('{"normalization":"scale","classNames":[1]}', 'config.json')).toThrow(
      'config.json: "classNames" must be an array of strings',
    );
  });

  it('names the file and the field when normalization is wrong', () => {
    expect(() => parseModelConfig('{"normalization":"zscore"}', 'models/x/config.json')).toThrow(
      'models/x/config.json: "normalization" must be "scale" or "standardize", got "zscore"',
    );
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseModelConfig('nope', 'config.json')).toThrow('config.json: not JSON');
  });
});
