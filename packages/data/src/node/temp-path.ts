import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** A unique hidden sibling of `path`, to write into before an atomic rename onto `path`. */
export function tempSibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}
