import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create } from 'tar';

export const CLASS_NAMES = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
];

/** A learnable colour per class: the network only has to tell flat colours apart. */
export function classColour(label: number): [number, number, number] {
  return [(label * 83) % 256, (label * 157 + 60) % 256, label % 2 === 0 ? 40 : 220];
}

/** One CIFAR binary record: label byte, then the R, G and B planes of a 32x32 image. */
function record(label: number, noise: () => number): Uint8Array {
  const bytes = new Uint8Array(1 + 3 * 1024);
  bytes[0] = label;
  const colour = classColour(label);
  for (let c = 0; c < 3; c++) {
    for (let p = 0; p < 1024; p++) {
      bytes[1 + c * 1024 + p] = Math.max(0, Math.min(255, colour[c] + noise()));
    }
  }
  return bytes;
}

function batchFile(count: number, offset: number): Uint8Array {
  let state = offset + 1;
  // A fixed LCG: the archive is the same on every run.
  const noise = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state % 41) - 20;
  };
  const out = new Uint8Array(count * 3073);
  for (let i = 0; i < count; i++) out.set(record((offset + i) % 10, noise), i * 3073);
  return out;
}

/**
 * Writes an archive with the official binary layout (five training batches and a test
 * batch) holding `perBatch` records each, and returns its path.
 */
export async function writeTinyArchive(dir: string, perBatch: number): Promise<string> {
  const root = join(dir, 'cifar-10-batches-bin');
  await mkdir(root, { recursive: true });
  for (let b = 1; b <= 5; b++) {
    await writeFile(join(root, `data_batch_${b}.bin`), batchFile(perBatch, b * perBatch));
  }
  await writeFile(join(root, 'test_batch.bin'), batchFile(perBatch, 0));
  await writeFile(join(root, 'batches.meta.txt'), `${CLASS_NAMES.join('\n')}\n`);
  const archive = join(dir, 'tiny-cifar.tar.gz');
  await create({ gzip: true, file: archive, cwd: dir }, ['cifar-10-batches-bin']);
  return archive;
}
