/** How a block's shortcut changes shape: B projects (1x1 conv), A subsamples and zero-pads. */
export type ShortcutKind = 'projection' | 'zero-pad';

/** `basic`: conv-BN-ReLU-conv-BN + shortcut, then ReLU. `preact`: BN-ReLU-conv twice + shortcut. */
export type BlockKind = 'basic' | 'preact';

/** Kernel initializers the builder knows; each is seeded per layer. */
export type KernelInitializerName =
  | 'heNormal'
  | 'heUniform'
  | 'glorotNormal'
  | 'glorotUniform'
  | 'leCunNormal'
  | 'leCunUniform';

/**
 * How a stage changes resolution and width. `block`: its first residual block strides (He et
 * al.). `conv-pool`: a 3x3 conv to the stage's width, max-pooling by `stride`, BN, ReLU, then
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

export interface StemSpec {
  filters: number;
  kernelSize: number;
  stride: number;
  /** Conv-BN-ReLU when true; a bare conv (pre-activation nets) when false. */
  batchNormRelu: boolean;
}

export interface HeadSpec {
  /** BN-ReLU before global pooling: the final activation of pre-activation nets. */
  batchNormRelu: boolean;
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
  /** Keras-style L2 coefficient on every kernel: loss += weightDecay * sum(w^2). */
  weightDecay: number;
  batchNorm: BatchNormSpec;
  head: HeadSpec;
}
