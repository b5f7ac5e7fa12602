import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Cifar10 } from '../cifar-split.js';
import { DataError } from '../data-error.js';
import { cifarArchive, cifarFiles, tarBytes, tinyCifar10, withTempDir } from '../test-utils/tiny-cifar.js';
import { CIFAR10_MD5, CIFAR10_URL, expectedChecksums, loadCifar10 } from './load-cifar10.js';

const data = tinyCifar10();
const files = cifarFiles(data);

function expectSameData(loaded: Cifar10, expected: Cifar10): void {
  expect(loaded.train.count).toBe(expected.train.count);
  expect(loaded.test.count).toBe(expected.test.count);
  expect(Buffer.compare(loaded.train.images, expected.train.images)).toBe(0);
  expect(Buffer.compare(loaded.test.images, expected.test.images)).toBe(0);
  expect(Array.from(loaded.train.labels)).toEqual(Array.from(expected.train.labels));
  expect(loaded.classNames).toEqual(expected.classNames);
}

async function writeArchive(dir: string, archive: Buffer): Promise<string> {
  const path = join(dir, 'cifar-10-binary.tar.gz');
  await writeFile(path, archive);
  return path;
}

describe('loadCifar10 from local files', () => {
  it('loads a .tar.gz, extracting it once into the cache', async () => {
    await withTempDir(async (dir) => {
      const source = await writeArchive(dir, cifarArchive(files));
      const cacheDir = join(dir, 'cache');
      expectSameData(await loadCifar10({ source, cacheDir }), data);
      const [extracted, ...others] = await readdir(cacheDir);
      expect(others).toEqual([]);
      expect(extracted).toMatch(/^extracted-[0-9a-f]{16}$/);
      expect((await readdir(join(cacheDir, extracted))).sort()).toEqual([...files.keys()].sort());
      expectSameData(await loadCifar10({ source, cacheDir }), data);
    });
  });

  it('loads a directory of .bin files, or its parent', async () => {
    await withTempDir(async (dir) => {
      const bins = join(dir, 'cifar-10-batches-bin');
      await mkdir(bins);
      for (const [name, bytes] of files) await writeFile(join(bins, name), bytes);
      expectSameData(await loadCifar10({ source: bins }), data);
      expectSameData(await loadCifar10({ source: dir }), data);
    });
  });

  it('verifies a checksum the caller gives for a local archive', async () => {
    await withTempDir(async (dir) => {
      const archive = cifarArchive(files);
      const source = await writeArchive(dir, archive);
      const sha256 = createHash('sha256').update(archive).digest('hex');
      expectSameData(await loadCifar10({ source, cacheDir: join(dir, 'cache'), sha256 }), data);
    });
  });

  it('names a missing source', async () => {
    await expect(loadCifar10({ source: '/nonexistent/cifar.tar.gz' })).rejects.toThrow(
      /\/nonexistent\/cifar\.tar\.gz: not found; the source must be/,
    );
  });

  const withFile = (name: string, bytes: Uint8Array) => new Map([...files, [name, bytes]]);
  const without = (name: string) => new Map([...files].filter(([file]) => file !== name));
  const labelTen = Uint8Array.from(files.get('data_batch_4.bin')!);
  labelTen[3073] = 10;
  const bad: [string, () => Buffer, RegExp][] = [
    [
      'a truncated batch',
      () => gzipSync(tarBytes([...files].map(([name, bytes]) => ({ path: name, data: bytes }))).subarray(0, 20_000)),
      /cifar-10-binary\.tar\.gz: not a readable CIFAR-10 \.tar\.gz \(TAR_BAD_ARCHIVE: Truncated input/,
    ],
    [
      'a batch whose size is not a multiple of 3,073',
      () => cifarArchive(withFile('data_batch_2.bin', new Uint8Array(3073 * 2 + 100))),
      /cifar-10-binary\.tar\.gz \(cifar-10-batches-bin\/data_batch_2\.bin\): size 6246 bytes is not a positive multiple of 3073/,
    ],
    [
      'label byte 10',
      () => cifarArchive(withFile('data_batch_4.bin', labelTen)),
      /\(cifar-10-batches-bin\/data_batch_4\.bin\): record 1 \(byte offset 3073\) has label 10; expected 0-9/,
    ],
    [
      'a missing test_batch.bin',
      () => cifarArchive(without('test_batch.bin')),
      /\(cifar-10-batches-bin\/test_batch\.bin\): missing; CIFAR-10 needs/,
    ],
    ['corrupt gzip', () => Buffer.concat([cifarArchive(files).subarray(0, 100), Buffer.alloc(500, 1)]), /not a readable CIFAR-10 \.tar\.gz/],
    ['a tar entry ../evil', () => cifarArchive(files, [{ path: '../evil', data: new Uint8Array(1) }]), /'\.\.\/evil' contains '\.\.'/],
    [
      'a symlink entry',
      () => cifarArchive(files, [{ path: 'cifar-10-batches-bin/x', type: 'SymbolicLink', linkpath: '../../etc' }]),
      /is a SymbolicLink/,
    ],
  ];
  for (const [what, archive, message] of bad) {
    it(`rejects ${what} with a clear error and leaves the cache empty`, async () => {
      await withTempDir(async (dir) => {
        const source = await writeArchive(dir, archive());
        const cacheDir = join(dir, 'cache');
        const error = await loadCifar10({ source, cacheDir }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataError);
        expect((error as Error).message).toMatch(message);
        expect(await readdir(cacheDir)).toEqual([]);
      });
    });
  }

  it('rejects a checksum mismatch, naming both digests, and leaves the cache empty', async () => {
    await withTempDir(async (dir) => {
      const source = await writeArchive(dir, cifarArchive(files));
      const cacheDir = join(dir, 'cache');
      const sha256 = 'ab'.repeat(32);
      await expect(loadCifar10({ source, cacheDir, sha256 })).rejects.toThrow(
        new RegExp(`cifar-10-binary\\.tar\\.gz: sha256 mismatch: expected ${sha256}, got [0-9a-f]{64}`),
      );
      expect(await readdir(cacheDir).catch(() => [])).toEqual([]);
    });
  });
});

describe('expectedChecksums', () => {
  it('checks the official md5 for the official URL only, unless the caller gives a checksum', () => {
    expect(expectedChecksums(CIFAR10_URL, {})).toEqual({ md5: CIFAR10_MD5 });
    expect(expectedChecksums(CIFAR10_URL, { sha256: 'a'.repeat(64) })).toEqual({ sha256: 'a'.repeat(64), md5: undefined });
    expect(expectedChecksums('https://mirror.example/cifar-10-binary.tar.gz', {})).toEqual({ sha256: undefined, md5: undefined });
  });
});
