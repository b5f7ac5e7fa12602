import { describe, expect, it } from 'vitest';
import { defaultOutDir } from './default-out-dir.js';

describe('defaultOutDir', () => {
  it('is runs/<UTC timestamp> without colons', () => {
    expect(defaultOutDir(new Date(Date.UTC(2025, 0, 31, 12, 5, 9)))).toBe('runs/2025-01-31T12-05-09');
  });
});
