import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError } from '../data-error.js';
import { cifarArchive, cifarFiles, tarBytes, tinyCifar10, withTempDir } from '../test-utils/tiny-cifar.js';
import { extractCifarArchive } from './extract-archive.js';

const files = cifarFiles(tinyCifar10());

async function extract(archive: Buffer, maxEntryBytes?: number) {
  return withTempDir(async (dir) => {
    const path = join(dir, 'archive.tar.gz');
    await writeFile(path, archive);
    const dest = join(dir, 'out');
    await mkdir(dest);
    try {
      await extractCifarArchive(path, dest, maxEntryBytes);
      return {
        written: (await readdir(dest)).sort(),
        test: await readFile(join(dest, 'test_batch.bin')),
        third: await readFile(join(dest, 'data_batch_3.bin')),
      };
    } catch (error) {
      return { error: error as Error, written: await readdir(dest) };
    }
  });
}

describe('extractCifarArchive', () => {
  it('extracts the expected files flat and skips others', async () => {
    const result = await extract(cifarArchive(files, [{ path: 'cifar-10-batches-bin/readme.html', data: new Uint8Array(9) }]));
    expect(result.written).toEqual([...files.keys()].sort());
    expect(result.test?.equals(files.get('test_batch.bin')!)).toBe(true);
    expect(result.third?.equals(files.get('data_batch_3.bin')!)).toBe(true);
  });

  const bad: [string, Buffer, RegExp][] = [
    ['a `..` entry', cifarArchive(files, [{ path: '../evil', data: new Uint8Array(3) }]), /entry '\.\.\/evil' contains '\.\.'/],
    ['an absolute path', cifarArchive(files, [{ path: '/etc/evil', data: new Uint8Array(3) }]), /'\/etc\/evil' has an absolute path/],
    [
      'a symlink entry',
      cifarArchive(files, [{ path: 'cifar-10-batches-bin/link', type: 'SymbolicLink', linkpath: '/etc/passwd' }]),
      /'cifar-10-batches-bin\/link' is a SymbolicLink; only plain files and directories/,
    ],
    [
      'a hard link entry',
      cifarArchive(files, [{ path: 'cifar-10-batches-bin/hard', type: 'Link', linkpath: 'cifar-10-batches-bin/test_batch.bin' }]),
      /is a Link; only plain files/,
    ],
    ['corrupt gzip', Buffer.concat([cifarArchive(files).subarray(0, 200), Buffer.alloc(300, 7)]), /not a readable CIFAR-10 \.tar\.gz/],
    ['a gzip stream cut short', cifarArchive(files).subarray(0, cifarArchive(files).length - 4), /unexpected end of file/],
    [
      'a batch cut short inside the tar',
      gzipSync(tarBytes([{ path: 'test_batch.bin', data: files.get('test_batch.bin')! }]).subarray(0, 5000)),
      /Truncated input/,
    ],
    ['bytes that are not an archive', Buffer.alloc(2048, 65), /not a readable CIFAR-10 \.tar\.gz/],
  ];
  for (const [what, archive, message] of bad) {
    it(`rejects ${what} and writes nothing after it`, async () => {
      const result = await extract(archive);
      expect(result.error).toBeInstanceOf(DataError);
      expect(result.error?.message).toMatch(message);
      expect(result.error?.message).toContain('archive.tar.gz');
    });
  }

  it('rejects an oversize entry before reading it', async () => {
    const result = await extract(cifarArchive(files), 1000);
    expect(result.error?.message).toMatch(/is \d+ bytes, over the 1000-byte limit/);
    expect(result.written).toEqual([]);
  });

  it('rejects an entry whose header claims more than the limit, even if the data is short', async () => {
    const archive = gzipSync(tarBytes([{ path: 'test_batch.bin', size: 2 ** 33 }]));
    expect((await extract(archive)).error?.message).toMatch(/over the 67108864-byte limit/);
  });
});
