import { describe, expect, it } from 'vitest';
import { CIFAR_IMAGE_BYTES, CIFAR_RECORD_BYTES } from './cifar-layout.js';
import { DataError } from './data-error.js';
import { decodeRecordsInto, encodeCifarRecords, parseCifarRecords } from './parse-records.js';
import { tinySplit } from './test-utils/tiny-cifar.js';

describe('parseCifarRecords', () => {
  it('turns planar R, G, B records into NHWC pixels and labels', () => {
    const record = new Uint8Array(CIFAR_RECORD_BYTES);
    record[0] = 7;
    record[1] = 11; // R of pixel (0, 0)
    record[1 + 1024] = 22; // G of pixel (0, 0)
    record[1 + 2048] = 33; // B of pixel (0, 0)
    record[1 + 32 + 1] = 44; // R of pixel (1, 1)
    const { images, labels, count } = parseCifarRecords(record, 'one.bin');
    expect(count).toBe(1);
    expect(Array.from(labels)).toEqual([7]);
    expect(Array.from(images.subarray(0, 3))).toEqual([11, 22, 33]);
    expect(images[(32 + 1) * 3]).toBe(44);
    expect(images.length).toBe(CIFAR_IMAGE_BYTES);
  });

  it('round-trips with encodeCifarRecords', () => {
    const split = tinySplit(5);
    const parsed = parseCifarRecords(encodeCifarRecords(split.images, split.labels, 1, 3), 'x.bin');
    expect(parsed.count).toBe(3);
    expect(parsed.labels).toEqual(split.labels.subarray(1, 4));
    expect(parsed.images).toEqual(split.images.subarray(CIFAR_IMAGE_BYTES, 4 * CIFAR_IMAGE_BYTES));
  });

  it('rejects a size that is not a multiple of 3,073, naming the file and the size', () => {
    const bytes = new Uint8Array(2 * CIFAR_RECORD_BYTES - 5);
    expect(() => parseCifarRecords(bytes, 'data_batch_2.bin')).toThrow(DataError);
    expect(() => parseCifarRecords(bytes, 'data_batch_2.bin')).toThrow(
      /data_batch_2\.bin: size 6141 bytes is not a positive multiple of 3073/,
    );
  });

  it('rejects an empty file', () => {
    expect(() => parseCifarRecords(new Uint8Array(0), 'empty.bin')).toThrow(/empty\.bin: size 0 bytes/);
  });

  it('rejects label 10, naming the file and the record index', () => {
    const split = tinySplit(4);
    const bytes = encodeCifarRecords(split.images, split.labels, 0, 4);
    bytes[2 * CIFAR_RECORD_BYTES] = 10;
    expect(() => parseCifarRecords(bytes, 'test_batch.bin')).toThrow(
      /test_batch\.bin: record 2 \(byte offset 6146\) has label 10; expected 0-9/,
    );
  });
});

describe('decodeRecordsInto', () => {
  it('gives the same pixels into an unaligned view (byte path) as into an aligned one (word path)', () => {
    const split = tinySplit(3);
    const bytes = encodeCifarRecords(split.images, split.labels, 0, 3);
    const unaligned = new Uint8Array(3 * CIFAR_IMAGE_BYTES + 1).subarray(1);
    decodeRecordsInto(bytes, 'x.bin', unaligned, new Uint8Array(3), 0);
    expect(Buffer.compare(unaligned, split.images)).toBe(0);
    expect(Buffer.compare(parseCifarRecords(bytes, 'x.bin').images, split.images)).toBe(0);
  });
});
