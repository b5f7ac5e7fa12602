import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CIFAR10_CLASS_NAMES,
  CIFAR_ARCHIVE_DIR,
  CIFAR_CHANNELS,
  CIFAR_IMAGE_BYTES,
  CIFAR_META_FILE,
  CIFAR_TEST_FILE,
  CIFAR_TRAIN_FILES,
  encodeCifarRecords,
} from '@resnet/data';
import { create } from 'tar';

/** A learnable colour per class: the network only has to tell flat colours apart. */
export function classColour(label: number): [number, number, number] {
  return [(label * 83) % 256, (label * 157 + 60) % 256, label % 2 === 0 ? 40 : 220];
}

/** The records of `count` images (NHWC), image i of class `(offset + i) % 10`: its colour plus noise. */
function records(count: number, offset: number): Uint8Array {
  let state = offset + 1;
  // A fixed LCG: the archive is the same on every run.
  const noise = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state % 41) - 20;
  };
  const images = new Uint8Array(count * CIFAR_IMAGE_BYTES);
  const labels = Uint8Array.from({ length: count }, (_, i) => (offset + i) % 10);
  labels.forEach((label, i) => {
    const colour = classColour(label);
    for (let p = 0; p < CIFAR_IMAGE_BYTES; p++) {
      images[i * CIFAR_IMAGE_BYTES + p] = Math.max(0, Math.min(255, colour[p % CIFAR_CHANNELS] + noise()));
    }
  });
  return encodeCifarRecords(images, labels, 0, count);
}

/**
 * Writes an archive with the official binary layout (five training batches and a test
 * batch) holding `perBatch` records each, and returns its path.
 */
export async function writeTinyArchive(dir: string, perBatch: number): Promise<string> {
  const root = join(dir, CIFAR_ARCHIVE_DIR);
  await mkdir(root, { recursive: true });
  for (const [b, file] of CIFAR_TRAIN_FILES.entries()) await writeFile(join(root, file), records(perBatch, (b + 1) * perBatch));
  await writeFile(join(root, CIFAR_TEST_FILE), records(perBatch, 0));
  await writeFile(join(root, CIFAR_META_FILE), `${CIFAR10_CLASS_NAMES.join('\n')}\n`);
  const archive = join(dir, 'tiny-cifar.tar.gz');
  await create({ gzip: true, file: archive, cwd: dir }, [CIFAR_ARCHIVE_DIR]);
  return archive;
}
