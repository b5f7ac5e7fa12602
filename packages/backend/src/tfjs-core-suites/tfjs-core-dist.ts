import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** tfjs-core's dist/ folder: @tensorflow/tfjs depends on it, we do not directly. */
export function tfjsCoreDist(): string {
  const fromTfjs = createRequire(require.resolve('@tensorflow/tfjs'));
  return join(dirname(fromTfjs.resolve('@tensorflow/tfjs-core/package.json')), 'dist');
}
