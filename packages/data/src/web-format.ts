import { CIFAR_CHANNELS, CIFAR_HEIGHT, CIFAR_NUM_CLASSES, CIFAR_RECORD_BYTES, CIFAR_WIDTH } from './cifar-layout.js';
import { DataError } from './data-error.js';

/**
 * The web data format: `manifest.json` plus per-split shards whose bytes are CIFAR-10 binary
 * records (the archive's own format), so one parser serves the archive and the web.
 */
export const WEB_FORMAT = 'resnet-cifar10-web';
export const WEB_FORMAT_VERSION = 1;
export const WEB_MANIFEST_FILE = 'manifest.json';

export interface WebShard {
  /** File name, relative to the manifest. */
  file: string;
  count: number;
  bytes: number;
  /** Lower-case hex SHA-256 of the shard. */
  sha256: string;
}

export interface WebSplit {
  count: number;
  shards: WebShard[];
}

export interface WebManifest {
  format: typeof WEB_FORMAT;
  version: typeof WEB_FORMAT_VERSION;
  height: number;
  width: number;
  channels: number;
  recordBytes: number;
  classNames: string[];
  splits: { train: WebSplit; test: WebSplit };
}

export const WEB_SPLITS = ['train', 'test'] as const;

function isShard(value: unknown): value is WebShard {
  const shard = value as WebShard;
  return (
    typeof shard === 'object' &&
    shard !== null &&
    typeof shard.file === 'string' &&
    /^[\w.-]+$/.test(shard.file) &&
    Number.isInteger(shard.count) &&
    shard.count > 0 &&
    shard.bytes === shard.count * CIFAR_RECORD_BYTES &&
    typeof shard.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(shard.sha256)
  );
}

/** Checks a parsed `manifest.json` field by field; `source` names it in errors. */
export function parseWebManifest(json: unknown, source: string): WebManifest {
  const fail = (what: string): never => {
    throw new DataError(`${source}: not a ${WEB_FORMAT} v${WEB_FORMAT_VERSION} manifest: ${what}`);
  };
  const manifest = json as WebManifest;
  if (typeof manifest !== 'object' || manifest === null) fail('expected a JSON object');
  if (manifest.format !== WEB_FORMAT) fail(`format is ${JSON.stringify(manifest.format)}`);
  if (manifest.version !== WEB_FORMAT_VERSION) fail(`version is ${JSON.stringify(manifest.version)}`);
  if (
    manifest.height !== CIFAR_HEIGHT ||
    manifest.width !== CIFAR_WIDTH ||
    manifest.channels !== CIFAR_CHANNELS ||
    manifest.recordBytes !== CIFAR_RECORD_BYTES
  ) {
    fail(`expected ${CIFAR_HEIGHT}x${CIFAR_WIDTH}x${CIFAR_CHANNELS} images in ${CIFAR_RECORD_BYTES}-byte records`);
  }
  if (
    !Array.isArray(manifest.classNames) ||
    manifest.classNames.length !== CIFAR_NUM_CLASSES ||
    !manifest.classNames.every((name) => typeof name === 'string')
  ) {
    fail(`expected ${CIFAR_NUM_CLASSES} class names`);
  }
  for (const name of WEB_SPLITS) {
    const split = manifest.splits?.[name];
    if (!split || !Array.isArray(split.shards) || !split.shards.every(isShard)) {
      fail(`splits.${name} needs shards of {file, count, bytes = count * ${CIFAR_RECORD_BYTES}, sha256}`);
    }
    if (split.count !== split.shards.reduce((sum, shard) => sum + shard.count, 0)) {
      fail(`splits.${name}.count ${split.count} is not the sum of its shards' counts`);
    }
  }
  return manifest;
}
