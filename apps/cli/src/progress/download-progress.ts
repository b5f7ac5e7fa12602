import type { DownloadProgress } from '@resnet/data/node';
import { formatDuration } from '@resnet/trainer';
import { SingleBar } from 'cli-progress';

const MB = 1024 * 1024;

/**
 * A cli-progress bar for the data set download, drawn on terminals only. Returns the
 * `onProgress` handler and `stop()`, to call once loading has ended either way.
 */
export function downloadProgress(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (p: DownloadProgress) => void;
  stop: () => void;
} {
  let bar: SingleBar | undefined;
  const payload = (p: DownloadProgress) => ({
    speed: (p.bytesPerSecond / MB).toFixed(1),
    eta: p.etaSeconds === undefined ? '?' : formatDuration(p.etaSeconds),
  });
  return {
    onProgress(p) {
      if (!stream.isTTY) return;
      const total = Math.round((p.totalBytes ?? p.receivedBytes) / MB);
      if (!bar) {
        bar = new SingleBar({
          stream,
          format: 'Downloading CIFAR-10 [{bar}] {value}/{total} MB - {speed} MB/s - ETA: {eta}',
          barsize: 30,
          hideCursor: true,
        });
        bar.start(total, 0, payload(p));
      }
      bar.setTotal(total);
      bar.update(Math.round(p.receivedBytes / MB), payload(p));
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
