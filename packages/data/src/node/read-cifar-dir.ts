import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CIFAR_ARCHIVE_DIR,
  CIFAR_CHANNELS,
  CIFAR_HEIGHT,
  CIFAR_IMAGE_BYTES,
  CIFAR_META_FILE,
  CIFAR_TEST_FILE,
  CIFAR_TRAIN_FILES,
  CIFAR_WIDTH,
} from '../cifar-layout.js';
import type { Cifar10, CifarSplit } from '../cifar-split.js';
import { CIFAR10_CLASS_NAMES, parseClassNames } from '../class-names.js';
import { DataError } from '../data-error.js';
import { countRecords, decodeRecordsInto } from '../parse-records.js';
import { fileSize } from './path-stat.js';

/** Names a CIFAR-10 file in errors, e.g. with the archive it came from. */
export type FileLabel = (file: string) => string;

/** Reads a whole file into the front of `buffer`; one reused buffer spares ~180 MB of fresh memory. */
async function readInto(path: string, buffer: Buffer, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) throw new DataError(`${path}: shrank to ${filled} bytes while being read`);
      filled += bytesRead;
    }
    return buffer.subarray(0, size);
  } finally {
    await handle.close();
  }
}

function emptySplit(count: number): CifarSplit {
  return {
    images: new Uint8Array(count * CIFAR_IMAGE_BYTES),
    labels: new Uint8Array(count),
    count,
    height: CIFAR_HEIGHT,
    width: CIFAR_WIDTH,
    channels: CIFAR_CHANNELS,
  };
}

/**
 * Reads a directory of CIFAR-10 `.bin` files (or its parent holding `cifar-10-batches-bin/`):
 * train from data_batch_1..5.bin, test from test_batch.bin, class names from batches.meta.txt
 * (the standard ones if absent). Every size is checked before anything is decoded.
 */
export async function readCifarDirectory(dir: string, label: FileLabel = (file) => join(dir, file)): Promise<Cifar10> {
  const nested = join(dir, CIFAR_ARCHIVE_DIR);
  if ((await stat(nested).catch(() => undefined))?.isDirectory()) return readCifarDirectory(nested);
  const required = [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE];
  const sizes = new Map<string, number>();
  for (const name of required) {
    const size = await fileSize(join(dir, name));
    if (size !== undefined) sizes.set(name, size);
  }
  const missing = required.filter((name) => !sizes.has(name));
  if (missing.length > 0) {
    throw new DataError(`${missing.map(label).join(', ')}: missing; CIFAR-10 needs ${required.join(', ')}`);
  }
  const records = (names: readonly string[]) =>
    names.reduce((sum, name) => sum + countRecords(sizes.get(name)!, label(name)), 0);
  const train = emptySplit(records(CIFAR_TRAIN_FILES));
  const test = emptySplit(records([CIFAR_TEST_FILE]));
  const buffer = Buffer.allocUnsafe(Math.max(...sizes.values()));
  for (const [split, names] of [
    [train, CIFAR_TRAIN_FILES],
    [test, [CIFAR_TEST_FILE]],
  ] as const) {
    let at = 0;
    for (const name of names) {
      const bytes = await readInto(join(dir, name), buffer, sizes.get(name)!);
      at += decodeRecordsInto(bytes, label(name), split.images, split.labels, at);
    }
  }
  const metaPath = join(dir, CIFAR_META_FILE);
  const classNames =
    (await fileSize(metaPath)) === undefined
      ? [...CIFAR10_CLASS_NAMES]
      : parseClassNames(await readFile(metaPath, 'utf8'), label(CIFAR_META_FILE));
  return { train, test, classNames };
}
