export { DataError } from '../data-error.js';
export type { WebManifest, WebShard, WebSplit } from '../web-format.js';
export { CACHE_DIR_ENV, defaultCacheDir } from './cache-dir.js';
export type { DownloadProgress } from './download.js';
export { CIFAR10_MD5, CIFAR10_URL, loadCifar10, type LoadOptions } from './load-cifar10.js';
export { writeWebDataset, type WriteWebDatasetOptions } from './write-web-dataset.js';
export { committedDir, writeDirAtomically, writeFileAtomically, type DirFiles, type FileContents } from './atomic.js';
export { pathExists } from './path-stat.js';
