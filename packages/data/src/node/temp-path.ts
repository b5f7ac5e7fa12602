import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** How every temp sibling of `path` is named at the start: `.<name>.tmp-`. */
export function tempSiblingPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

/** A unique hidden sibling of `path`, to write into before an atomic rename onto `path`. */
export function tempSibling(path: string): string {
  return join(dirname(path), `${tempSiblingPrefix(path)}${process.pid}-${randomBytes(4).toString('hex')}`);
}
