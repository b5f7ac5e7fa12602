import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CIFAR10_CLASS_NAMES } from '../class-names.js';
import { CIFAR10_MEAN, CIFAR10_STD, computeChannelStats } from '../normalization.js';
import { withTempDir } from '../test-utils/tiny-cifar.js';
import { loadCifar10 } from './load-cifar10.js';
import { pathExists } from './path-stat.js';

// The real archive lives beside the checkout: <repo>/../shared/datasets/cifar-10/.
const archive = fileURLToPath(
  new URL('../../../../../shared/datasets/cifar-10/cifar-10-binary.tar.gz', import.meta.url),
);

const perClass = (labels: Uint8Array) => {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
};

describe('the real CIFAR-10 archive', () => {
  it('loads 50,000 train and 10,000 test images, 5,000 / 1,000 per class', async () => {
    if (!(await pathExists(archive))) {
      throw new Error(`the real CIFAR-10 archive is missing: expected ${archive} (see DEVELOPERS.md)`);
    }
    await withTempDir(async (cacheDir) => {
      const data = await loadCifar10({ source: archive, cacheDir });
      expect(data.train.count).toBe(50_000);
      expect(data.test.count).toBe(10_000);
      expect(data.train.images.length).toBe(50_000 * 3072);
      expect(perClass(data.train.labels)).toEqual(new Array(10).fill(5_000));
      expect(perClass(data.test.labels)).toEqual(new Array(10).fill(1_000));
      expect(data.classNames).toEqual([...CIFAR10_CLASS_NAMES]);
      // The documented normalization constants are this training set's statistics.
      const { mean, std } = computeChannelStats(data.train);
      mean.forEach((m, c) => expect(Math.abs(m - CIFAR10_MEAN[c])).toBeLessThan(0.003));
      std.forEach((s, c) => expect(Math.abs(s - CIFAR10_STD[c])).toBeLessThan(0.003));
    });
  });
});
