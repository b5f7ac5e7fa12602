import { createHash } from 'node:crypto';
import { mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CIFAR_ARCHIVE_DIR } from '../cifar-layout.js';
import type { Cifar10 } from '../cifar-split.js';
import { DataError } from '../data-error.js';
import { defaultCacheDir } from './cache-dir.js';
import { verifyChecksums, type Checksums } from './checksum.js';
import { downloadWithResume, type DownloadOptions } from './download.js';
import { extractCifarArchive } from './extract-archive.js';
import { pathExists } from './path-stat.js';
import { readCifarDirectory } from './read-cifar-dir.js';
import { tempSibling } from './temp-path.js';

/** The official archive: 170,052,171 bytes. */
export const CIFAR10_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
export const CIFAR10_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';

export interface LoadOptions extends DownloadOptions, Checksums {
  /** An http(s) URL, a `.tar.gz` path, or a directory of `.bin` files; default `CIFAR10_URL`. */
  source?: string;
  /** Downloads and extracted archives go here; default `<defaultCacheDir()>/cifar-10`. */
  cacheDir?: string;
}

/** The caller's checksums; for the official URL, the official md5 unless the caller gives one. */
export function expectedChecksums(url: string, options: Checksums): Checksums {
  const { sha256, md5 } = options;
  return url === CIFAR10_URL && !sha256 && !md5 ? { md5: CIFAR10_MD5 } : { sha256, md5 };
}

/**
 * Downloads `url` into the cache unless it is there. The file appears under its final name only
 * after its checksum matches: the official md5 for the official URL, else the caller's, if any.
 */
async function cachedDownload(url: string, cacheDir: string, options: LoadOptions): Promise<string> {
  const key = createHash('sha256').update(url).digest('hex').slice(0, 12);
  const archive = join(cacheDir, `${key}-${basename(new URL(url).pathname) || 'download'}`);
  if (await pathExists(archive)) return archive;
  await mkdir(cacheDir, { recursive: true });
  const partial = `${archive}.partial`;
  try {
    await downloadWithResume(url, partial, options);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new DataError(
      `CIFAR-10 is not in the cache (${archive}) and could not be downloaded: ${(error as Error).message}. ` +
        `Offline? Pass a local copy as the source: a .tar.gz archive such as ../shared/datasets/cifar-10/cifar-10-binary.tar.gz, ` +
        `or a directory of CIFAR-10 .bin files (CLI: --data <path>; API: loadCifar10({ source: '<path>' })).` +
        ((await pathExists(partial)) ? ` The partial download in ${partial} resumes next time.` : ''),
      { cause: error },
    );
  }
  try {
    await verifyChecksums(partial, expectedChecksums(url, options), `download of ${url}`);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, archive);
  return archive;
}

/** Extracts `archive` once into the cache (keyed by its path, size and mtime) and reads it. */
async function loadArchive(archive: string, cacheDir: string): Promise<Cifar10> {
  const { size, mtimeMs } = await stat(archive);
  const key = createHash('sha256')
    .update(`${await realpath(archive)}\0${size}\0${mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  const dir = join(cacheDir, `extracted-${key}`);
  if (await pathExists(dir)) return readCifarDirectory(dir);
  await mkdir(cacheDir, { recursive: true });
  const temp = tempSibling(dir);
  await mkdir(temp);
  try {
    await extractCifarArchive(archive, temp);
    const data = await readCifarDirectory(temp, (file) => `${archive} (${CIFAR_ARCHIVE_DIR}/${file})`);
    await rename(temp, dir).catch((error: NodeJS.ErrnoException) => {
      // Another process extracted the same archive first; its copy is as good as ours.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
    return data;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Loads CIFAR-10 from the official URL (cached, resumable, md5-checked), another URL, a local
 * `.tar.gz` (extracted once into the cache) or a directory of `.bin` files. Checksums given in
 * `options` are verified for URLs and archives.
 */
export async function loadCifar10(options: LoadOptions = {}): Promise<Cifar10> {
  const source = options.source ?? CIFAR10_URL;
  const cacheDir = resolve(options.cacheDir ?? join(defaultCacheDir(), 'cifar-10'));
  if (/^https?:\/\//i.test(source)) return loadArchive(await cachedDownload(source, cacheDir, options), cacheDir);
  const path = resolve(source);
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new DataError(
      `${path}: not found; the source must be an http(s) URL, a CIFAR-10 .tar.gz archive or a directory of its .bin files`,
    );
  }
  if (info.isDirectory()) {
    if (options.sha256 || options.md5) {
      throw new DataError(`${path}: checksums apply to archives and downloads, not to a directory`);
    }
    return readCifarDirectory(path);
  }
  await verifyChecksums(path, options, path);
  return loadArchive(path, cacheDir);
}
