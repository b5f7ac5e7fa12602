#!/usr/bin/env node
// Writes CIFAR-10 in the web data format (manifest.json + shards) for the app to serve.
// Usage: pnpm --filter web prepare-data -- [--data URL|ARCHIVE|DIR] [--limit N] [--test-limit N] [--out DIR]
import { loadCifar10, writeWebDataset } from '@resnet/data/node';
import { takeFirst } from '@resnet/data';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { parseArgs } from 'node:util';

const appDir = resolve(fileURLToPath(import.meta.url), '../..');
// pnpm runs scripts in the package directory; paths are meant relative to where the user typed.
const userDir = process.env.INIT_CWD ?? process.cwd();

function positiveInteger(value, flag) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

async function main(argv) {
  const { values } = parseArgs({
    // pnpm forwards the `--` that separates its own flags from the script's.
    args: argv.filter((arg, i) => !(i === 0 && arg === '--')),
    options: {
      data: { type: 'string' },
      limit: { type: 'string' },
      'test-limit': { type: 'string' },
      out: { type: 'string', default: resolve(appDir, 'public/data') },
    },
  });
  const limit = positiveInteger(values.limit, '--limit');
  const testLimit = positiveInteger(values['test-limit'], '--test-limit') ?? limit;
  const { data } = values;
  const source = data === undefined || /^https?:\/\//i.test(data) ? data : resolve(userDir, data);
  const cifar = await loadCifar10(source === undefined ? {} : { source });
  const subset = {
    ...cifar,
    train: limit ? takeFirst(cifar.train, limit) : cifar.train,
    test: testLimit ? takeFirst(cifar.test, testLimit) : cifar.test,
  };
  const out = resolve(userDir, values.out);
  await writeWebDataset(subset, out);
  process.stdout.write(`wrote ${subset.train.count} training and ${subset.test.count} test images to ${out}\n`);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`prepare-data: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
