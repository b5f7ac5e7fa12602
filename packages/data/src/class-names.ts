import { CIFAR_NUM_CLASSES } from './cifar-layout.js';
import { DataError } from './data-error.js';

/** The class names of `batches.meta.txt`, in label order. */
export const CIFAR10_CLASS_NAMES: readonly string[] = Object.freeze([
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
]);

/** Parses `batches.meta.txt`: one class name a line; blank lines (the file ends with some) are ignored. */
export function parseClassNames(text: string, source: string): string[] {
  const names = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (names.length !== CIFAR_NUM_CLASSES) {
    throw new DataError(
      `${source}: expected ${CIFAR_NUM_CLASSES} class names, one a line, found ${names.length}`,
    );
  }
  return names;
}
