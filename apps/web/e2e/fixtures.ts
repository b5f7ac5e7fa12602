import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CIFAR_HEIGHT, CIFAR_WIDTH, parseCifarRecords } from '@resnet/data';
import { PNG } from 'pngjs';

const run = promisify(execFile);

export const APP_DIR = resolve(import.meta.dirname, '..');
export const REPO_DIR = resolve(APP_DIR, '../..');
/** The real CIFAR-10 archive, beside the checkout (DEVELOPERS.md). */
export const CIFAR_ARCHIVE = resolve(REPO_DIR, '../shared/datasets/cifar-10/cifar-10-binary.tar.gz');
export const CLI = resolve(REPO_DIR, 'apps/cli/bin/resnet.js');

/** Writes the first images of the real data set in the web format, with the app's own script. */
export async function prepareTinyData(outDir: string, train: number, test: number): Promise<void> {
  if (!existsSync(CIFAR_ARCHIVE)) throw new Error(`${CIFAR_ARCHIVE} is missing: the e2e suite trains on real CIFAR-10 images`);
  await run(process.execPath, [
    join(APP_DIR, 'scripts/prepare-data.js'),
    '--data',
    CIFAR_ARCHIVE,
    '--limit',
    String(train),
    '--test-limit',
    String(test),
    '--out',
    outDir,
  ]);
}

/** Saves the first `count` test images of a web data set as 32x32 PNG files; returns their paths. */
export async function writeTestPngs(dataDir: string, outDir: string, count: number): Promise<string[]> {
  const bytes = new Uint8Array(await readFile(join(dataDir, 'test-000.bin')));
  const { images } = parseCifarRecords(bytes, 'test-000.bin');
  const [height, width] = [CIFAR_HEIGHT, CIFAR_WIDTH];
  await mkdir(outDir, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const png = new PNG({ width, height });
    for (let p = 0; p < width * height; p++) {
      const from = (i * width * height + p) * 3;
      png.data.set([images[from], images[from + 1], images[from + 2], 255], p * 4);
    }
    const path = join(outDir, `test-${i}.png`);
    await writeFile(path, PNG.sync.write(png));
    paths.push(path);
  }
  return paths;
}

/** Runs the built CLI; resolves with its stdout. */
export async function resnet(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [CLI, ...args], { cwd: REPO_DIR, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}
