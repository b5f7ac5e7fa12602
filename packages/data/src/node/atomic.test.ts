import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../test-utils/tiny-cifar.js';
import { committedDir, writeDirAtomically, writeFileAtomically } from './atomic.js';

describe('writeDirAtomically', () => {
  it('replaces the directory and leaves no temp or previous copy behind', () =>
    withTempDir(async (root) => {
      const dir = join(root, 'last');
      await writeDirAtomically(dir, Object.entries({ 'a.txt': 'one', 'b.bin': new Uint8Array([1, 2]) }));
      await writeDirAtomically(dir, [['a.txt', 'two']]);
      expect(await readdir(dir)).toEqual(['a.txt']);
      expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('two');
      expect(await readdir(root)).toEqual(['last']);
    }));

  it('keeps the previous version when a write fails half-way', () =>
    withTempDir(async (root) => {
      const dir = join(root, 'last');
      await writeDirAtomically(dir, [['a.txt', 'good']]);
      // The second file fails to be made after the first one was written.
      async function* files(): AsyncGenerator<[string, string]> {
        yield ['a.txt', 'new'];
        throw new Error('out of data');
      }
      await expect(writeDirAtomically(dir, files())).rejects.toThrow('out of data');
      expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('good');
      expect(await readdir(root)).toEqual(['last']);
    }));

  it('recovers from a crash between its two renames: readers get the previous copy, the next write cleans up', () =>
    withTempDir(async (root) => {
      const dir = join(root, 'last');
      await writeDirAtomically(dir, [['a.txt', 'previous']]);
      // The state a kill leaves after `dir -> dir.old` and before `temp -> dir`.
      await rename(dir, `${dir}.old`);
      const temp = join(root, '.last.tmp-1-x');
      await mkdir(temp);
      await writeFile(join(temp, 'a.txt'), 'half');
      const found = await committedDir(dir);
      expect(found).toBe(`${dir}.old`);
      expect(await readFile(join(found!, 'a.txt'), 'utf8')).toBe('previous');
      await writeDirAtomically(dir, [['a.txt', 'next']]);
      expect(await readdir(root)).toEqual(['last']);
      expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('next');
    }));

  it('rejects file names with a path in them, and a name given twice', () =>
    withTempDir(async (root) => {
      await expect(writeDirAtomically(join(root, 'x'), [['../escape', 'no']])).rejects.toThrow(/not a plain file name/);
      await expect(writeDirAtomically(join(root, 'x'), [['a', '1'], ['a', '2']])).rejects.toThrow(/"a" given twice/);
      expect(await committedDir(join(root, 'x'))).toBeUndefined();
      expect(await readdir(root)).toEqual([]);
    }));
});

describe('writeFileAtomically', () => {
  it('creates parents and replaces the file whole', () =>
    withTempDir(async (root) => {
      const path = join(root, 'logs', 'm.csv');
      await writeFileAtomically(path, 'a\n');
      await writeFileAtomically(path, 'b\n');
      expect(await readFile(path, 'utf8')).toBe('b\n');
      expect(await readdir(join(root, 'logs'))).toEqual(['m.csv']);
    }));
});
