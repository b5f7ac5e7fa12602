import { CIFAR_IMAGE_BYTES } from '../cifar-layout.js';
import type { Cifar10, CifarSplit } from '../cifar-split.js';
import { DataError } from '../data-error.js';
import { decodeRecordsInto } from '../parse-records.js';
import { parseWebManifest, WEB_MANIFEST_FILE, type WebShard } from '../web-format.js';

export interface LoadWebDatasetOptions {
  /** Bytes of shards loaded so far and in all. */
  onProgress?: (loaded: number, total: number) => void;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

async function fetchOk(fetcher: typeof fetch, url: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetcher(url, { signal });
  } catch (error) {
    throw new DataError(`${url}: request failed (${(error as Error).message})`, { cause: error });
  }
  if (!response.ok) throw new DataError(`${url}: HTTP ${response.status} ${response.statusText}`);
  return response;
}

function toHex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Streams one shard into memory, counting bytes as they arrive, and checks its size and SHA-256. */
async function fetchShard(
  fetcher: typeof fetch,
  url: string,
  shard: WebShard,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const response = await fetchOk(fetcher, url, signal);
  if (!response.body) throw new DataError(`${url}: empty response`);
  const bytes = new Uint8Array(shard.bytes);
  let filled = 0;
  const reader = response.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (filled + next.value.length > bytes.length) {
      await reader.cancel();
      throw new DataError(`${url}: larger than the manifest's ${shard.bytes} bytes`);
    }
    bytes.set(next.value, filled);
    filled += next.value.length;
    onBytes(next.value.length);
  }
  if (filled !== bytes.length) throw new DataError(`${url}: got ${filled} bytes, the manifest says ${shard.bytes}`);
  if (!globalThis.crypto?.subtle) {
    throw new DataError(`${url}: cannot verify SHA-256 here (WebCrypto needs a secure context: https or localhost)`);
  }
  const sha256 = toHex(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  if (sha256 !== shard.sha256) {
    throw new DataError(`${url}: sha256 mismatch: expected ${shard.sha256}, got ${sha256}`);
  }
  return bytes;
}

/**
 * Loads the web data format written by `writeWebDataset` from `baseUrl` (a directory URL,
 * absolute or relative to the page), verifying every shard, into the same uint8 splits as Node.
 */
export async function loadWebDataset(baseUrl: string, options: LoadWebDatasetOptions = {}): Promise<Cifar10> {
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const { onProgress, signal } = options;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const manifestUrl = `${base}${WEB_MANIFEST_FILE}`;
  const response = await fetchOk(fetcher, manifestUrl, signal);
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new DataError(`${manifestUrl}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const manifest = parseWebManifest(json, manifestUrl);
  const { splits, height, width, channels } = manifest;
  const total = [...splits.train.shards, ...splits.test.shards].reduce((sum, shard) => sum + shard.bytes, 0);
  let loaded = 0;
  onProgress?.(0, total);
  const onBytes = (n: number): void => {
    loaded += n;
    onProgress?.(loaded, total);
  };
  const load = async (name: 'train' | 'test'): Promise<CifarSplit> => {
    const { count, shards } = splits[name];
    const images = new Uint8Array(count * CIFAR_IMAGE_BYTES);
    const labels = new Uint8Array(count);
    let at = 0;
    for (const shard of shards) {
      const url = `${base}${shard.file}`;
      at += decodeRecordsInto(await fetchShard(fetcher, url, shard, onBytes, signal), url, images, labels, at);
    }
    return { images, labels, count, height, width, channels };
  };
  const train = await load('train');
  const test = await load('test');
  return { train, test, classNames: manifest.classNames };
}
