/** The official CIFAR-10 binary layout: one label byte, then 1,024 R, 1,024 G and 1,024 B bytes. */
export const CIFAR_HEIGHT = 32;
export const CIFAR_WIDTH = 32;
export const CIFAR_CHANNELS = 3;
export const CIFAR_IMAGE_BYTES = CIFAR_HEIGHT * CIFAR_WIDTH * CIFAR_CHANNELS;
export const CIFAR_RECORD_BYTES = 1 + CIFAR_IMAGE_BYTES;
export const CIFAR_NUM_CLASSES = 10;

export const CIFAR_TRAIN_FILES: readonly string[] = [
  'data_batch_1.bin',
  'data_batch_2.bin',
  'data_batch_3.bin',
  'data_batch_4.bin',
  'data_batch_5.bin',
];
export const CIFAR_TEST_FILE = 'test_batch.bin';
export const CIFAR_META_FILE = 'batches.meta.txt';
/** The directory the official archive puts its files in. */
export const CIFAR_ARCHIVE_DIR = 'cifar-10-batches-bin';
