export { DataError } from '../data-error.js';
export type { WebManifest, WebShard, WebSplit } from '../web-format.js';
export { loadWebDataset, type LoadWebDatasetOptions } from './load-web-dataset.js';
