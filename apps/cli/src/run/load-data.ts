import type { Cifar10 } from '@resnet/data';
import { loadCifar10 } from '@resnet/data/node';
import { downloadProgress } from '../progress/download-progress.js';

/** CIFAR-10 from --data (the official download by default), with a download bar. */
export async function loadData(source: string | undefined, cacheDir: string | undefined): Promise<Cifar10> {
  const progress = downloadProgress();
  try {
    return await loadCifar10({
      ...(source === undefined ? {} : { source }),
      ...(cacheDir === undefined ? {} : { cacheDir }),
      onProgress: progress.onProgress,
    });
  } finally {
    progress.stop();
  }
}
