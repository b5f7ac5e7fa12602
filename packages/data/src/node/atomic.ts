import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathExists } from './path-stat.js';
import { tempSibling, tempSiblingPrefix } from './temp-path.js';

export type FileContents = string | Uint8Array;

/** A directory's files as (name, contents) pairs; async, so large files can be made one at a time. */
export type DirFiles = Iterable<readonly [string, FileContents]> | AsyncIterable<readonly [string, FileContents]>;

/**
 * Replaces `dir` with a directory holding exactly `files`, so that readers find either the old
 * directory or the complete new one: the files go into a sibling temp dir, are fsynced, and
 * the temp dir is renamed into place. Between the two renames the previous version waits at
 * `${dir}.old`, which `committedDir` falls back to. One writer per directory.
 */
export async function writeDirAtomically(dir: string, files: DirFiles): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  await removeTempSiblings(dir);
  const temp = tempSibling(dir);
  const previous = `${dir}.old`;
  try {
    await mkdir(temp);
    const written = new Set<string>();
    for await (const [file, contents] of files) {
      if (file !== basename(file) || file === '.' || file === '..') throw new Error(`writeDirAtomically: "${file}" is not a plain file name`);
      if (written.has(file)) throw new Error(`writeDirAtomically: "${file}" given twice`);
      written.add(file);
      await writeSynced(join(temp, file), contents);
    }
    await syncDir(temp);
    if (await pathExists(dir)) {
      // A leftover .old beside a live dir is stale; with no live dir it is the only good copy.
      await rm(previous, { recursive: true, force: true });
      await rename(dir, previous);
    }
    await rename(temp, dir);
    await syncDir(parent);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}

/** Replaces one file atomically: temp file, fsync, rename. */
export async function writeFileAtomically(path: string, contents: FileContents): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempSibling(path);
  try {
    await writeSynced(temp, contents);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dirname(path));
}

/** The complete version of a directory written by `writeDirAtomically`, if there is one. */
export async function committedDir(dir: string): Promise<string | undefined> {
  if (await pathExists(dir)) return dir;
  const previous = `${dir}.old`;
  return (await pathExists(previous)) ? previous : undefined;
}

async function writeSynced(path: string, contents: FileContents): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// Makes the renames themselves durable; some platforms (Windows) cannot open a directory for that.
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

// Half-written temp dirs from a killed writer.
async function removeTempSiblings(dir: string): Promise<void> {
  const prefix = tempSiblingPrefix(dir);
  for (const entry of await readdir(dirname(dir))) {
    if (entry.startsWith(prefix)) await rm(join(dirname(dir), entry), { recursive: true, force: true });
  }
}
