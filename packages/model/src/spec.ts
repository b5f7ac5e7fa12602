/** How a block's shortcut changes shape: B projects (1x1 conv), A subsamples and zero-pads. */
export type ShortcutKind = 'projection' | 'zero-pad';

/**
 * `basic`: conv-BN-ReLU-conv-BN + shortcut, then ReLU. `preact`: BN-ReLU-conv twice + shortcut.
 * `plain`: one conv-BN-ReLU and no shortcut (airbench's second conv of a group, Jordan 2024).
 */
export type BlockKind = 'basic' | 'preact' | 'plain';

/** Kernel initializers the builder knows; each is seeded per layer. */
export type KernelInitializerName =
  | 'heNormal'
  | 'heUniform'
  | 'glorotNormal'
  | 'glorotUniform'
  | 'leCunNormal'
  | 'leCunUniform'
  /** PyTorch's Conv2d and Linear default, U(±1/sqrt(fanIn)), which airbench's settings assume. */
  | 'torchUniform';

/**
 * How a stage changes resolution and width. `block`: its first residual block strides (He et
 * al.). `conv-pool`: a 3x3 conv to the stage's width, max-pooling by `stride` (odd sizes round
 * down, as PyTorch's MaxPool2d), BN, ReLU, then
 * `blocks` residual blocks at that size, 0 allowed (Myrtle's ResNet-9, Page 2018).
 */
export type StageEntry = 'block' | 'conv-pool';

export interface StageSpec {
  filters: number;
  /** Residual blocks in the stage; at least 1 unless the entry is `conv-pool`. */
  blocks: number;
  /** Stride of the stage's first block (or its pooling); the others use 1. */
  stride: number;
  /** Default `block`. */
  entry?: StageEntry;
}

/**
 * `conv` (default): a trained conv. `whitening`: a frozen, unpadded conv whose filters whiten the
 * image's kernelSize x kernelSize patches, each filter followed by its negative (so
 * filters = 2 * kernelSize^2 * channels), then a ReLU that thereby loses nothing; its weights
 * come from training images (`initializeWhitening`) before the first step (Page 2018, Jordan 2024).
 */
export type StemKind = 'conv' | 'whitening';

export interface StemSpec {
  kind?: StemKind;
  filters: number;
  kernelSize: number;
  stride: number;
  /** Conv-BN-ReLU when true; a bare conv (pre-activation nets) when false. Whitening stems: false. */
  batchNormRelu: boolean;
}

export interface HeadSpec {
  /** BN-ReLU before global pooling: the final activation of pre-activation nets. */
  batchNormRelu: boolean;
  /** Global pooling before the classifier; default `average`. */
  pooling?: 'average' | 'max';
  /** Class scores are multiplied by this (airbench: 1/9, Page: 1/8); default 1, no layer. */
  logitScale?: number;
  /** Bias on the classifier; default true. */
  classifierBias?: boolean;
}

/** Keras semantics: running = momentum * running + (1 - momentum) * batch. */
export interface BatchNormSpec {
  momentum: number;
  epsilon: number;
}

/** A whole network as data; `buildModel()` turns it into a `tf.LayersModel`. */
export interface NetworkSpec {
  name: string;
  /** [height, width, channels] */
  inputShape: [number, number, number];
  numClasses: number;
  stem: StemSpec;
  stages: StageSpec[];
  block: BlockKind;
  shortcut: ShortcutKind;
  /** Bias on every conv (the Keras seed network); BN makes it redundant elsewhere. */
  useBias: boolean;
  kernelInitializer: KernelInitializerName;
  /**
   * Partial identity: every 3x3 conv's first min(in, out) filters start as the identity
   * (PyTorch's dirac_), the rest as kernelInitializer draws them (airbench); default false.
   */
  identityInit?: boolean;
  /** Keras-style L2 coefficient on every kernel: loss += weightDecay * sum(w^2). */
  weightDecay: number;
  batchNorm: BatchNormSpec;
  head: HeadSpec;
}
