import { stat } from 'node:fs/promises';

// Only "nothing there" is an answer; any other failure (permissions, I/O) is the caller's error.
const ABSENT = new Set(['ENOENT', 'ENOTDIR']);

function absent(error: unknown): boolean {
  return ABSENT.has((error as NodeJS.ErrnoException).code ?? '');
}

/** Whether anything (file or directory) is at `path`. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (absent(error)) return false;
    throw error;
  }
}

/** The size of the regular file at `path`; undefined when there is none (or a directory). */
export async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if (absent(error)) return undefined;
    throw error;
  }
}
