import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
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
import { CIFAR10_CLASS_NAMES } from '../class-names.js';
import { encodeCifarRecords } from '../parse-records.js';

/**
 * A split whose image i has label `i % 10`, pixel bytes that vary by position and channel, and
 * its index in the first two bytes (so tests can trace which image went where).
 */
export function tinySplit(count: number, offset = 0): CifarSplit {
  const images = new Uint8Array(count * CIFAR_IMAGE_BYTES);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const id = i + offset;
    labels[i] = id % 10;
    for (let p = 0; p < CIFAR_IMAGE_BYTES; p++) images[i * CIFAR_IMAGE_BYTES + p] = (p * 7 + id * 13) & 0xff;
    images[i * CIFAR_IMAGE_BYTES] = id & 0xff;
    images[i * CIFAR_IMAGE_BYTES + 1] = id >> 8;
  }
  return { images, labels, count, height: CIFAR_HEIGHT, width: CIFAR_WIDTH, channels: CIFAR_CHANNELS };
}

/** The index `tinySplit` wrote into an image. */
export function tinyImageId(images: Uint8Array, i: number): number {
  return images[i * CIFAR_IMAGE_BYTES] | (images[i * CIFAR_IMAGE_BYTES + 1] << 8);
}

export function tinyCifar10(perFile = 3): Cifar10 {
  return {
    train: tinySplit(perFile * CIFAR_TRAIN_FILES.length),
    test: tinySplit(perFile, 1000),
    classNames: [...CIFAR10_CLASS_NAMES],
  };
}

/** The official files of `data` (each train file holds `perFile` records), as name -> bytes. */
export function cifarFiles(data: Cifar10, perFile = 3): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  CIFAR_TRAIN_FILES.forEach((name, i) =>
    files.set(name, encodeCifarRecords(data.train.images, data.train.labels, i * perFile, perFile)),
  );
  files.set(CIFAR_TEST_FILE, encodeCifarRecords(data.test.images, data.test.labels, 0, data.test.count));
  files.set(CIFAR_META_FILE, new TextEncoder().encode(`${data.classNames.join('\n')}\n\n`));
  return files;
}

export interface TarEntrySpec {
  path: string;
  data?: Uint8Array;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link';
  linkpath?: string;
  /** Header size when it should differ from the data's (to fake an oversize entry). */
  size?: number;
}

/** A raw tar stream, built from tar's own Header so the tests can write what a safe packer would not. */
export function tarBytes(entries: TarEntrySpec[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { path, data = new Uint8Array(0), type = 'File', linkpath, size } of entries) {
    const header = new Header({
      path,
      type,
      linkpath,
      mode: type === 'Directory' ? 0o755 : 0o644,
      size: size ?? data.length,
      mtime: new Date(0),
      uid: 0,
      gid: 0,
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block, Buffer.from(data), Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** A gzipped archive laid out like the official one, from `files` (name -> bytes). */
export function cifarArchive(files: Map<string, Uint8Array>, extra: TarEntrySpec[] = []): Buffer {
  return gzipSync(
    tarBytes([
      { path: `${CIFAR_ARCHIVE_DIR}/`, type: 'Directory' },
      ...[...files].map(([name, data]) => ({ path: `${CIFAR_ARCHIVE_DIR}/${name}`, data })),
      ...extra,
    ]),
  );
}

/** Runs `body` with a fresh temporary directory, removed afterwards. */
export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'resnet-data-test-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
