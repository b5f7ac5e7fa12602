import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
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
import { tempSibling } from './temp-path.js';

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

async function writeShards(split: CifarSplit, name: string, dir: string, shardRecords: number): Promise<WebShard[]> {
  const shards: WebShard[] = [];
  for (let start = 0; start < split.count; start += shardRecords) {
    const count = Math.min(shardRecords, split.count - start);
    const bytes = encodeCifarRecords(split.images, split.labels, start, count);
    const file = `${name}-${String(shards.length).padStart(3, '0')}.bin`;
    await writeFile(join(dir, file), bytes);
    shards.push({ file, count, bytes: count * CIFAR_RECORD_BYTES, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return shards;
}

/**
 * Writes the web data format (see `WebManifest`) into `outDir` for `loadWebDataset`. The
 * directory appears complete or not at all; it replaces an earlier web dataset there, and
 * refuses to replace a non-empty directory that is not one.
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
  await mkdir(dirname(target), { recursive: true });
  const temp = tempSibling(target);
  await mkdir(temp);
  try {
    const manifest: WebManifest = {
      format: WEB_FORMAT,
      version: WEB_FORMAT_VERSION,
      height: CIFAR_HEIGHT,
      width: CIFAR_WIDTH,
      channels: CIFAR_CHANNELS,
      recordBytes: CIFAR_RECORD_BYTES,
      classNames: [...data.classNames],
      splits: {
        train: { count: data.train.count, shards: await writeShards(data.train, 'train', temp, shardRecords) },
        test: { count: data.test.count, shards: await writeShards(data.test, 'test', temp, shardRecords) },
      },
    };
    await writeFile(join(temp, WEB_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    if (existing) {
      const old = tempSibling(target);
      await rename(target, old);
      await rename(temp, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
    return manifest;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
