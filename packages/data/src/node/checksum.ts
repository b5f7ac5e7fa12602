import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DataError } from '../data-error.js';

export interface Checksums {
  sha256?: string;
  md5?: string;
}

export async function hashFile(path: string, algorithm: 'sha256' | 'md5'): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Throws a DataError naming `what` and both digests unless every given checksum matches. */
export async function verifyChecksums(path: string, expected: Checksums, what: string): Promise<void> {
  for (const algorithm of ['sha256', 'md5'] as const) {
    const want = expected[algorithm]?.toLowerCase();
    if (!want) continue;
    const got = await hashFile(path, algorithm);
    if (got !== want) {
      throw new DataError(`${what}: ${algorithm} mismatch: expected ${want}, got ${got}`);
    }
  }
}
