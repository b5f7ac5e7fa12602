export { DataError } from './data-error.js';
export type { Cifar10, CifarSplit, ImageShape } from './cifar-split.js';
export {
  CIFAR_ARCHIVE_DIR,
  CIFAR_CHANNELS,
  CIFAR_HEIGHT,
  CIFAR_IMAGE_BYTES,
  CIFAR_META_FILE,
  CIFAR_RECORD_BYTES,
  CIFAR_TEST_FILE,
  CIFAR_TRAIN_FILES,
  CIFAR_WIDTH,
} from './cifar-layout.js';
export { CIFAR10_CLASS_NAMES, parseClassNames } from './class-names.js';
export { encodeCifarRecords, parseCifarRecords } from './parse-records.js';
export {
  CIFAR10_MEAN,
  CIFAR10_STD,
  computeChannelStats,
  imagesToTensor,
  type ChannelStats,
  type Normalization,
} from './normalization.js';
export { holdOutLast, takeFirst } from './subsets.js';
export { AUGMENT_DEFAULTS, augmentBatch, resolveAugment, type AugmentOptions, type FlipMode } from './augment.js';
export { mulberry32, type Random } from './seeded-random.js';
export { BatchIterator, type Batch, type BatchOptions } from './batch-iterator.js';
export { toTfDataset } from './tf-dataset.js';
export { rgbaToRgb, type RgbaPixels, type RgbImage } from './rgb-image.js';
export { imagesToInputBytes } from './input-bytes.js';
