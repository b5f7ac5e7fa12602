import type { DownloadFile } from '../protocol.js';

/** Offers each file as a browser download, one after another. */
export function downloadFiles(files: DownloadFile[]): void {
  for (const file of files) {
    const url = URL.createObjectURL(new Blob([file.data], { type: file.mimeType }));
    const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started by the time the click returns; a delay keeps slow browsers safe.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
