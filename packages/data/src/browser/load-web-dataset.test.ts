import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../data-error.js';
import { writeWebDataset } from '../node/write-web-dataset.js';
import { startLocalServer } from '../test-utils/local-server.js';
import { tinyCifar10, withTempDir } from '../test-utils/tiny-cifar.js';
import { loadWebDataset } from './load-web-dataset.js';

const data = tinyCifar10();

/** Writes the web format and serves its directory from 127.0.0.1; `edit` may damage it first. */
async function withWebDataset(body: (url: string) => Promise<void>, edit?: (dir: string) => Promise<void>) {
  await withTempDir(async (dir) => {
    await writeWebDataset(data, dir.concat('/web'), { shardRecords: 4 });
    await edit?.(join(dir, 'web'));
    const server = await startLocalServer((request, response) => {
      readFile(join(dir, 'web', request.url ?? '')).then(
        (bytes) => response.writeHead(200).end(bytes),
        () => response.writeHead(404).end(),
      );
    });
    try {
      await body(`${server.url}/`);
    } finally {
      await server.close();
    }
  });
}

describe('loadWebDataset', () => {
  it('fetches every shard with progress into the same splits as Node', async () => {
    await withWebDataset(async (url) => {
      const progress: [number, number][] = [];
      const loaded = await loadWebDataset(url, { onProgress: (loadedBytes, total) => progress.push([loadedBytes, total]) });
      expect(loaded.classNames).toEqual(data.classNames);
      expect(loaded.train.count).toBe(15);
      expect(Buffer.compare(loaded.train.images, data.train.images)).toBe(0);
      expect(Array.from(loaded.test.labels)).toEqual(Array.from(data.test.labels));
      const total = 18 * 3073;
      expect(progress[0]).toEqual([0, total]);
      expect(progress[progress.length - 1]).toEqual([total, total]);
      for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThan(progress[i - 1][0]);
    });
  });

  it('rejects a shard whose bytes do not match the manifest', async () => {
    await withWebDataset(
      async (url) => {
        const error = await loadWebDataset(url).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataError);
        expect((error as Error).message).toMatch(/train-002\.bin: sha256 mismatch: expected [0-9a-f]{64}, got/);
      },
      async (dir) => {
        const bytes = await readFile(join(dir, 'train-002.bin'));
        bytes[100] ^= 1;
        await writeFile(join(dir, 'train-002.bin'), bytes);
      },
    );
  });

  it('rejects a manifest of another format and a missing shard', async () => {
    await withWebDataset(
      async (url) => {
        await expect(loadWebDataset(url)).rejects.toThrow(/manifest\.json: not a resnet-cifar10-web v1 manifest: version is 2/);
      },
      async (dir) => {
        const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
        await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, version: 2 }));
      },
    );
    await withWebDataset(
      async (url) => {
        await expect(loadWebDataset(url)).rejects.toThrow(/test-000\.bin: HTTP 404/);
      },
      (dir) => rm(join(dir, 'test-000.bin')),
    );
  });
});
