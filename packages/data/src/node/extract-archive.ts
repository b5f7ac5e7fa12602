import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { CIFAR_ARCHIVE_DIR, CIFAR_META_FILE, CIFAR_TEST_FILE, CIFAR_TRAIN_FILES } from '../cifar-layout.js';
import { DataError } from '../data-error.js';

/** Official batches are 30,730,000 bytes; anything much larger is not CIFAR-10. */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** Large stream chunks: fewer callbacks between zlib, tar and the disk (16 KiB by default). */
const CHUNK_BYTES = 1024 * 1024;

const WANTED = new Set([...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE, CIFAR_META_FILE]);

/** The file name an entry extracts to, undefined for safe entries we skip; throws on unsafe ones. */
function targetName(entry: ReadEntry, archive: string, maxEntryBytes: number): string | undefined {
  const path = entry.path;
  const where = `${archive}: entry '${path}'`;
  if (/^([/\\]|[a-zA-Z]:)/.test(path)) throw new DataError(`${where} has an absolute path; refusing to extract`);
  if (path.split(/[/\\]/).includes('..')) throw new DataError(`${where} contains '..'; refusing to extract`);
  if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'Directory') {
    throw new DataError(`${where} is a ${entry.type}; only plain files and directories are allowed`);
  }
  if (entry.size > maxEntryBytes) {
    throw new DataError(`${where} is ${entry.size} bytes, over the ${maxEntryBytes}-byte limit for CIFAR-10 files`);
  }
  if (entry.type === 'Directory') return undefined;
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  const name = parts.length === 2 && parts[0] === CIFAR_ARCHIVE_DIR ? parts[1] : parts.length === 1 ? parts[0] : '';
  return WANTED.has(name) ? name : undefined;
}

/**
 * Streams a gzipped tar archive and writes only the CIFAR-10 files into `destDir`, flat.
 * Rejects absolute paths, `..`, links and oversize entries before writing anything of them.
 * The caller owns `destDir` and removes it on failure.
 */
export async function extractCifarArchive(
  archive: string,
  destDir: string,
  maxEntryBytes: number = MAX_ENTRY_BYTES,
): Promise<void> {
  const writes: Promise<void>[] = [];
  const files: WriteStream[] = [];
  const found = new Set<string>();
  let failure: DataError | undefined;
  await new Promise<void>((resolve) => {
    const input = createReadStream(archive, { highWaterMark: CHUNK_BYTES });
    const fail = (error: unknown): void => {
      if (failure) return;
      failure =
        error instanceof DataError
          ? error
          : new DataError(`${archive}: not a readable CIFAR-10 .tar.gz (${(error as Error).message})`, {
              cause: error,
            });
      input.destroy();
      for (const file of files) file.destroy(); // closes them, so every write below settles
      resolve();
    };
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry) => {
        let name: string | undefined;
        try {
          name = targetName(entry, archive, maxEntryBytes);
        } catch (error) {
          fail(error);
          parser.abort(error as Error);
          return;
        }
        if (name === undefined || found.has(name)) {
          entry.resume(); // skip: let its data flow away
          return;
        }
        found.add(name);
        // Piped, so the parser waits for the disk instead of buffering the archive in memory.
        const file = createWriteStream(join(destDir, name));
        files.push(file);
        writes.push(
          new Promise((resolve, reject) => {
            file.on('close', resolve);
            file.on('error', reject);
          }),
        );
        entry.pipe(file);
      },
    });
    // Node's gunzip, not tar's: it also checks the gzip trailer (CRC and length).
    const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
    parser.on('error', fail);
    parser.on('end', resolve);
    gunzip.on('error', fail);
    input.on('error', fail);
    input.pipe(gunzip).pipe(parser);
  });
  // Settle every write before reporting, so nothing lands in destDir after the caller removes it.
  const written = await Promise.allSettled(writes);
  if (failure) throw failure;
  for (const result of written) {
    if (result.status === 'rejected') throw result.reason;
  }
}
