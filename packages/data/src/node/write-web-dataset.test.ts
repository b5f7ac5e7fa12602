import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCifarRecords } from '../parse-records.js';
import { tinyCifar10, withTempDir } from '../test-utils/tiny-cifar.js';
import { parseWebManifest } from '../web-format.js';
import { writeWebDataset } from './write-web-dataset.js';

const data = tinyCifar10();

describe('writeWebDataset', () => {
  it('writes shards of CIFAR-10 records and a manifest that describes them', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'web');
      const manifest = await writeWebDataset(data, out, { shardRecords: 4 });
      expect(parseWebManifest(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')), 'm')).toEqual(manifest);
      expect(manifest.splits.train.count).toBe(15);
      expect(manifest.splits.train.shards.map((s) => s.count)).toEqual([4, 4, 4, 3]);
      expect(manifest.splits.test.shards.map((s) => s.file)).toEqual(['test-000.bin']);
      const second = parseCifarRecords(await readFile(join(out, 'train-001.bin')), 'train-001.bin');
      expect(Buffer.compare(second.images, data.train.images.subarray(4 * 3072, 8 * 3072))).toBe(0);
      expect((await readdir(dir)).sort()).toEqual(['web']);
    });
  });

  it('replaces an earlier web dataset but not another directory', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'web');
      await writeWebDataset(data, out, { shardRecords: 4 });
      await writeWebDataset(data, out);
      expect((await readdir(out)).sort()).toEqual(['manifest.json', 'test-000.bin', 'train-000.bin']);
      const other = join(dir, 'other');
      await mkdir(other);
      await writeFile(join(other, 'keep.txt'), 'x');
      await expect(writeWebDataset(data, other)).rejects.toThrow(/not empty and holds no manifest\.json; refusing/);
      expect(await readdir(other)).toEqual(['keep.txt']);
    });
  });

  it('rejects inconsistent splits', async () => {
    const broken = { ...data, test: { ...data.test, count: 99 } };
    await expect(writeWebDataset(broken, '/tmp/never-written')).rejects.toThrow(/test: 99 images need/);
  });
});
