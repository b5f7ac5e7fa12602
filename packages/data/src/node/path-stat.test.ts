import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../test-utils/tiny-cifar.js';
import { fileSize, pathExists } from './path-stat.js';

describe('pathExists and fileSize', () => {
  it('tell a file, a directory and nothing apart', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'a.bin');
      await writeFile(file, new Uint8Array(5));
      await mkdir(join(dir, 'sub'));
      expect(await Promise.all([file, join(dir, 'sub'), join(dir, 'none')].map(pathExists))).toEqual([true, true, false]);
      expect(await Promise.all([file, join(dir, 'sub'), join(dir, 'none')].map(fileSize))).toEqual([5, undefined, undefined]);
      // A path through a file is absent too, not an error.
      expect(await pathExists(join(file, 'x'))).toBe(false);
    });
  });

  it('report a path they cannot resolve as an error, not as absent', async () => {
    await withTempDir(async (dir) => {
      // Two links to each other: stat fails with ELOOP, even for root (EACCES would not).
      await symlink(join(dir, 'b'), join(dir, 'a'));
      await symlink(join(dir, 'a'), join(dir, 'b'));
      await expect(pathExists(join(dir, 'a'))).rejects.toThrow(/ELOOP/);
      await expect(fileSize(join(dir, 'a'))).rejects.toThrow(/ELOOP/);
    });
  });
});
