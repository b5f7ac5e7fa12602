import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { committedDir, writeDirAtomically, writeFileAtomically } from './atomic.js';

const scratchDirs: string[] = [];
const scratch = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'trainer-atomic-'));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('writeDirAtomically', () => {
  it('replaces the directory and leaves no temp or previous copy behind', async () => {
    const root = await scratch();
    const dir = join(root, 'last');
    await writeDirAtomically(dir, { 'a.txt': 'one', 'b.bin': new Uint8Array([1, 2]) });
    await writeDirAtomically(dir, { 'a.txt': 'two' });
    expect(await readdir(dir)).toEqual(['a.txt']);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('two');
    expect(await readdir(root)).toEqual(['last']);
  });

  it('keeps the previous version when a write fails half-way', async () => {
    const root = await scratch();
    const dir = join(root, 'last');
    await writeDirAtomically(dir, { 'a.txt': 'good' });
    // The second file cannot be written (not a string or bytes) after the first one was.
    await expect(writeDirAtomically(dir, { 'a.txt': 'new', 'b.txt': 42 as never })).rejects.toThrow();
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('good');
    expect(await readdir(root)).toEqual(['last']);
  });

  it('recovers from a crash between its two renames: readers get the previous copy, the next write cleans up', async () => {
    const root = await scratch();
    const dir = join(root, 'last');
    await writeDirAtomically(dir, { 'a.txt': 'previous' });
    // The state a kill leaves after `dir -> dir.old` and before `temp -> dir`.
    await rename(dir, `${dir}.old`);
    await mkdir(`${dir}.tmp-1-x`);
    await writeFile(join(`${dir}.tmp-1-x`, 'a.txt'), 'half');
    const found = await committedDir(dir);
    expect(found).toBe(`${dir}.old`);
    expect(await readFile(join(found!, 'a.txt'), 'utf8')).toBe('previous');
    await writeDirAtomically(dir, { 'a.txt': 'next' });
    expect(await readdir(root)).toEqual(['last']);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('next');
  });

  it('rejects file names with a path in them', async () => {
    const root = await scratch();
    await expect(writeDirAtomically(join(root, 'x'), { '../escape': 'no' })).rejects.toThrow(/not a plain file name/);
    expect(await committedDir(join(root, 'x'))).toBeUndefined();
  });
});

describe('writeFileAtomically', () => {
  it('creates parents and replaces the file whole', async () => {
    const root = await scratch();
    const path = join(root, 'logs', 'm.csv');
    await writeFileAtomically(path, 'a\n');
    await writeFileAtomically(path, 'b\n');
    expect(await readFile(path, 'utf8')).toBe('b\n');
    expect(await readdir(join(root, 'logs'))).toEqual(['m.csv']);
  });
});
