import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type FileContents = string | Uint8Array;

/**
 * Replaces `dir` with a directory holding exactly `files`, so that readers find either the old
 * directory or the complete new one: the files go into a sibling temp dir, are fsynced, and
 * the temp dir is renamed into place. Between the two renames the previous version waits at
 * `${dir}.old`, which `committedDir` falls back to. One writer per directory.
 */
export async function writeDirAtomically(dir: string, files: Record<string, FileContents>): Promise<void> {
  const parent = dirname(dir);
  const name = basename(dir);
  for (const file of Object.keys(files)) {
    if (file !== basename(file) || file === '.' || file === '..') throw new Error(`writeDirAtomically: "${file}" is not a plain file name`);
  }
  await mkdir(parent, { recursive: true });
  await removeTempSiblings(parent, name);
  const temp = join(parent, `${name}${TEMP_MARK}${process.pid}-${Date.now().toString(36)}`);
  const previous = `${dir}.old`;
  try {
    await mkdir(temp);
    for (const [file, contents] of Object.entries(files)) await writeSynced(join(temp, file), contents);
    await syncDir(temp);
    if (await exists(dir)) {
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
  const temp = `${path}${TEMP_MARK}${process.pid}-${Date.now().toString(36)}`;
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
  if (await exists(dir)) return dir;
  const previous = `${dir}.old`;
  return (await exists(previous)) ? previous : undefined;
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

const TEMP_MARK = '.tmp-';

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
async function removeTempSiblings(parent: string, name: string): Promise<void> {
  for (const entry of await readdir(parent)) {
    if (entry.startsWith(`${name}${TEMP_MARK}`)) await rm(join(parent, entry), { recursive: true, force: true });
  }
}
