import {
  CIFAR_CHANNELS,
  CIFAR_HEIGHT,
  CIFAR_IMAGE_BYTES,
  CIFAR_NUM_CLASSES,
  CIFAR_RECORD_BYTES,
  CIFAR_WIDTH,
} from './cifar-layout.js';
import { DataError } from './data-error.js';

const PLANE = CIFAR_HEIGHT * CIFAR_WIDTH;

/** Checks that `byteLength` holds whole records and returns how many. */
export function countRecords(byteLength: number, source: string): number {
  if (byteLength === 0 || byteLength % CIFAR_RECORD_BYTES !== 0) {
    throw new DataError(
      `${source}: size ${byteLength} bytes is not a positive multiple of ${CIFAR_RECORD_BYTES} ` +
        `(1 label byte + ${CIFAR_IMAGE_BYTES} pixel bytes per record); the file is truncated or not CIFAR-10`,
    );
  }
  return byteLength / CIFAR_RECORD_BYTES;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Planar R, G, B -> interleaved RGB, one byte at a time. */
function interleaveBytes(bytes: Uint8Array, src: number, images: Uint8Array, dst: number): void {
  for (let p = 0; p < PLANE; p++, dst += CIFAR_CHANNELS) {
    images[dst] = bytes[src + p];
    images[dst + 1] = bytes[src + PLANE + p];
    images[dst + 2] = bytes[src + 2 * PLANE + p];
  }
}

/** The same, four pixels (three 32-bit words) at a time: about twice as fast on little-endian machines. */
function interleaveWords(bytes: Uint8Array, src: number, words: Uint32Array, word: number): void {
  for (let r = src; r < src + PLANE; r += 4, word += 3) {
    const g = r + PLANE;
    const b = g + PLANE;
    words[word] = bytes[r] | (bytes[g] << 8) | (bytes[b] << 16) | (bytes[r + 1] << 24);
    words[word + 1] = bytes[g + 1] | (bytes[b + 1] << 8) | (bytes[r + 2] << 16) | (bytes[g + 2] << 24);
    words[word + 2] = bytes[b + 2] | (bytes[r + 3] << 8) | (bytes[g + 3] << 16) | (bytes[b + 3] << 24);
  }
}

/**
 * Decodes whole records into preallocated NHWC `images` and `labels`, starting at image `at`,
 * so that several files fill one array without an extra copy. Returns the record count.
 */
export function decodeRecordsInto(
  bytes: Uint8Array,
  source: string,
  images: Uint8Array,
  labels: Uint8Array,
  at: number,
): number {
  const count = countRecords(bytes.length, source);
  // Images start at multiples of 3,072 bytes, so a word view lines up when `images` does.
  const words =
    LITTLE_ENDIAN && images.byteOffset % 4 === 0
      ? new Uint32Array(images.buffer, images.byteOffset, images.length >> 2)
      : undefined;
  for (let r = 0; r < count; r++) {
    const record = r * CIFAR_RECORD_BYTES;
    const label = bytes[record];
    if (label >= CIFAR_NUM_CLASSES) {
      throw new DataError(
        `${source}: record ${r} (byte offset ${record}) has label ${label}; expected 0-${CIFAR_NUM_CLASSES - 1}`,
      );
    }
    labels[at + r] = label;
    const dst = (at + r) * CIFAR_IMAGE_BYTES;
    if (words) interleaveWords(bytes, record + 1, words, dst >> 2);
    else interleaveBytes(bytes, record + 1, images, dst);
  }
  return count;
}

/** Parses CIFAR-10 binary records; `source` names the file in errors. Images come back NHWC. */
export function parseCifarRecords(
  bytes: Uint8Array,
  source: string,
): { images: Uint8Array; labels: Uint8Array; count: number } {
  const count = countRecords(bytes.length, source);
  const images = new Uint8Array(count * CIFAR_IMAGE_BYTES);
  const labels = new Uint8Array(count);
  decodeRecordsInto(bytes, source, images, labels, 0);
  return { images, labels, count };
}

/** The inverse of `parseCifarRecords`: records `start` to `start + count` of NHWC images as CIFAR-10 binary. */
export function encodeCifarRecords(
  images: Uint8Array,
  labels: Uint8Array,
  start: number,
  count: number,
): Uint8Array {
  const out = new Uint8Array(count * CIFAR_RECORD_BYTES);
  for (let r = 0; r < count; r++) {
    const record = r * CIFAR_RECORD_BYTES;
    out[record] = labels[start + r];
    let src = (start + r) * CIFAR_IMAGE_BYTES;
    for (let p = 0; p < PLANE; p++) {
      out[record + 1 + p] = images[src];
      out[record + 1 + PLANE + p] = images[src + 1];
      out[record + 1 + 2 * PLANE + p] = images[src + 2];
      src += CIFAR_CHANNELS;
    }
  }
  return out;
}
