import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CIFAR_CHANNELS, CIFAR_HEIGHT, CIFAR_IMAGE_BYTES, CIFAR_RECORD_BYTES, CIFAR_WIDTH } from '../cifar-layout.js';
import type { Cifar10, CifarSplit } from '../cifar-split.js';
import { DataError } from '../data-error.js';
import { encodeCifarRecords } from '../parse-records.js';
import {
  WEB_FORMAT,
  WEB_FORMAT_VERSION,
  WEB_MANIFEST_FILE,
  type WebManifest,
  type WebShard,
} from '../web-format.js';
import { writeDirAtomically, type FileContents } from './atomic.js';

export interface WriteWebDatasetOptions {
  /** Records per shard file; default 10,000 (30.7 MB). */
  shardRecords?: number;
}

function checkSplit(split: CifarSplit, name: string): void {
  const { count, height, width, channels, images, labels } = split;
  if (height !== CIFAR_HEIGHT || width !== CIFAR_WIDTH || channels !== CIFAR_CHANNELS) {
    throw new DataError(`${name}: expected ${CIFAR_HEIGHT}x${CIFAR_WIDTH}x${CIFAR_CHANNELS} images, got ${height}x${width}x${channels}`);
  }
  if (count < 1 || images.length !== count * CIFAR_IMAGE_BYTES || labels.length !== count) {
    throw new DataError(`${name}: ${count} images need ${count * CIFAR_IMAGE_BYTES} pixel bytes and ${count} labels`);
  }
}

/** Yields `split`'s shard files, and records each one in `shards` once yielded. */
function* shardFiles(split: CifarSplit, name: string, shardRecords: number, shards: WebShard[]): Generator<[string, Uint8Array]> {
  for (let start = 0; start < split.count; start += shardRecords) {
    const count = Math.min(shardRecords, split.count - start);
    const bytes = encodeCifarRecords(split.images, split.labels, start, count);
    const file = `${name}-${String(shards.length).padStart(3, '0')}.bin`;
    shards.push({ file, count, bytes: count * CIFAR_RECORD_BYTES, sha256: createHash('sha256').update(bytes).digest('hex') });
    yield [file, bytes];
  }
}

/**
 * The shard files of both splits, one in memory at a time, then the manifest, which lists them:
 * its shard lists fill in as the shards are made.
 */
function* webDatasetFiles(data: Cifar10, shardRecords: number, manifest: WebManifest): Generator<[string, FileContents]> {
  yield* shardFiles(data.train, 'train', shardRecords, manifest.splits.train.shards);
  yield* shardFiles(data.test, 'test', shardRecords, manifest.splits.test.shards);
  yield [WEB_MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`];
}

/**
 * Writes the web data format (see `WebManifest`) into `outDir` for `loadWebDataset`. The
 * directory appears complete or not at all (`writeDirAtomically`); it replaces an earlier web
 * dataset there, and refuses to replace a non-empty directory that is not one.
 */
export async function writeWebDataset(
  data: Cifar10,
  outDir: string,
  options: WriteWebDatasetOptions = {},
): Promise<WebManifest> {
  const { shardRecords = 10_000 } = options;
  if (!Number.isInteger(shardRecords) || shardRecords < 1) {
    throw new DataError(`shardRecords must be a positive integer, got ${shardRecords}`);
  }
  checkSplit(data.train, 'train');
  checkSplit(data.test, 'test');
  const target = resolve(outDir);
  const existing = await readdir(target).catch(() => undefined);
  if (existing && existing.length > 0 && !existing.includes(WEB_MANIFEST_FILE)) {
    throw new DataError(`${target}: not empty and holds no ${WEB_MANIFEST_FILE}; refusing to replace it`);
  }
  const manifest: WebManifest = {
    format: WEB_FORMAT,
    version: WEB_FORMAT_VERSION,
    height: CIFAR_HEIGHT,
    width: CIFAR_WIDTH,
    channels: CIFAR_CHANNELS,
    recordBytes: CIFAR_RECORD_BYTES,
    classNames: [...data.classNames],
    splits: { train: { count: data.train.count, shards: [] }, test: { count: data.test.count, shards: [] } },
  };
  await writeDirAtomically(target, webDatasetFiles(data, shardRecords, manifest));
  return manifest;
}
