import { describe, expect, it } from 'vitest';
import { CIFAR10_CLASS_NAMES, parseClassNames } from './class-names.js';

describe('parseClassNames', () => {
  it('reads batches.meta.txt with its trailing blank lines', () => {
    const text = `${CIFAR10_CLASS_NAMES.join('\n')}\n\n`;
    expect(parseClassNames(text, 'batches.meta.txt')).toEqual([...CIFAR10_CLASS_NAMES]);
  });

  it('rejects a file without ten names', () => {
    expect(() => parseClassNames('cat\ndog\n', 'meta.txt')).toThrow(/meta\.txt: expected 10 class names.*found 2/);
  });
});
