import type { NetworkSpec } from './spec.js';

// He et al. decay 1e-4 on the gradient (w -= lr * 1e-4 * w) equals a Keras L2 coefficient of
// 5e-5, since d(l * w^2)/dw = 2 * l * w.
const PAPER_WEIGHT_DECAY = 5e-5;
// PyTorch's BN defaults (momentum 0.1 on the batch statistic), which the papers' code used.
const TORCH_BATCH_NORM = { momentum: 0.9, epsilon: 1e-5 };
// airbench: 0.0153 per 1,024 images with Nesterov momentum 0.85 is 1.33e-3 on the gradient at
// its lr of 1.5 (on the mean loss), a Keras L2 coefficient of half that.
const AIRBENCH_WEIGHT_DECAY = ((0.0153 * 1024) / (1024 * (1 + 1 / (1 - 0.85))) / 1.5) / 2;

/** The project's seed network, exactly as the Keras original (679,562 parameters). */
function simple(): NetworkSpec {
  return {
    name: 'simple',
    inputShape: [32, 32, 3],
    numClasses: 10,
    stem: { filters: 64, kernelSize: 3, stride: 1, batchNormRelu: true },
    stages: [
      { filters: 64, blocks: 2, stride: 1 },
      { filters: 128, blocks: 2, stride: 2 },
    ],
    block: 'basic',
    shortcut: 'projection',
    useBias: true,
    kernelInitializer: 'glorotUniform',
    weightDecay: 0,
    batchNorm: { momentum: 0.99, epsilon: 1e-3 },
    head: { batchNormRelu: false },
  };
}

/** He et al. 2015, section 4.2: depth 6n + 2, three stages of n blocks, 16/32/64 filters. */
function cifarResNet(depth: number): NetworkSpec {
  const n = (depth - 2) / 6;
  return {
    name: `resnet${depth}`,
    inputShape: [32, 32, 3],
    numClasses: 10,
    stem: { filters: 16, kernelSize: 3, stride: 1, batchNormRelu: true },
    stages: [
      { filters: 16, blocks: n, stride: 1 },
      { filters: 32, blocks: n, stride: 2 },
      { filters: 64, blocks: n, stride: 2 },
    ],
    block: 'basic',
    shortcut: 'zero-pad',
    useBias: false,
    kernelInitializer: 'heNormal',
    weightDecay: PAPER_WEIGHT_DECAY,
    batchNorm: { ...TORCH_BATCH_NORM },
    head: { batchNormRelu: false },
  };
}

/** He et al. 2016 (identity mappings), ResNet-18 layout for 32x32 inputs. */
function preactResNet18(): NetworkSpec {
  return {
    name: 'preact-resnet18',
    inputShape: [32, 32, 3],
    numClasses: 10,
    stem: { filters: 64, kernelSize: 3, stride: 1, batchNormRelu: false },
    stages: [
      { filters: 64, blocks: 2, stride: 1 },
      { filters: 128, blocks: 2, stride: 2 },
      { filters: 256, blocks: 2, stride: 2 },
      { filters: 512, blocks: 2, stride: 2 },
    ],
    block: 'preact',
    shortcut: 'projection',
    useBias: false,
    kernelInitializer: 'heNormal',
    weightDecay: PAPER_WEIGHT_DECAY,
    batchNorm: { ...TORCH_BATCH_NORM },
    head: { batchNormRelu: true },
  };
}

/**
 * Myrtle's ResNet-9 (Page 2018, DAWNBench: 94% in 24 epochs): conv-pool stages with one
 * identity-shortcut block after the first and the last. `width` scales its 64-128-256-512
 * filters; at 0.5 a training image costs 2.3x ResNet-20's multiply-adds but an epoch teaches
 * far more, which is what counts on a CPU with hours, not days.
 */
function resnet9(name: string, width: number): NetworkSpec {
  const filters = (base: number) => Math.round(base * width);
  return {
    name,
    inputShape: [32, 32, 3],
    numClasses: 10,
    stem: { filters: filters(64), kernelSize: 3, stride: 1, batchNormRelu: true },
    stages: [
      { filters: filters(128), blocks: 1, stride: 2, entry: 'conv-pool' },
      { filters: filters(256), blocks: 0, stride: 2, entry: 'conv-pool' },
      { filters: filters(512), blocks: 1, stride: 2, entry: 'conv-pool' },
    ],
    block: 'basic',
    shortcut: 'projection',
    useBias: false,
    kernelInitializer: 'heNormal',
    // Page's 5e-4 on the gradient, as a Keras L2 coefficient (see PAPER_WEIGHT_DECAY).
    weightDecay: 2.5e-4,
    batchNorm: { ...TORCH_BATCH_NORM },
    head: { batchNormRelu: false },
  };
}

/**
 * Jordan's airbench94 (2024: 94% in 9.9 epochs at 0.36 PFLOPs, the compute 14 epochs of
 * resnet9-half take): Page's ResNet-9 grown to 64-256-256 filters without its residual blocks, each
 * stage a conv-pool entry and one conv; a frozen 2x2 whitening stem, partial identity init,
 * BN with momentum 0.6 (airbench's own BatchNorm class takes it in Keras's sense and hands
 * PyTorch 1 - 0.6) and no trained scale (see the trainer's batchNorm
 * options), global max pooling and scores scaled by 1/9. ReLU where airbench has GELU, which
 * wasm has no fast kernel for. The weight decay is airbench's 0.0153 per 1,024 images at its
 * lr 1.5 as a Keras L2 coefficient.
 */
function airbench(): NetworkSpec {
  return {
    name: 'airbench',
    inputShape: [32, 32, 3],
    numClasses: 10,
    stem: { kind: 'whitening', filters: 24, kernelSize: 2, stride: 1, batchNormRelu: false },
    stages: [
      { filters: 64, blocks: 1, stride: 2, entry: 'conv-pool' },
      { filters: 256, blocks: 1, stride: 2, entry: 'conv-pool' },
      { filters: 256, blocks: 1, stride: 2, entry: 'conv-pool' },
    ],
    block: 'plain',
    shortcut: 'projection',
    useBias: false,
    kernelInitializer: 'torchUniform',
    identityInit: true,
    weightDecay: AIRBENCH_WEIGHT_DECAY,
    batchNorm: { momentum: 0.6, epsilon: 1e-12 },
    head: { batchNormRelu: false, pooling: 'max', logitScale: 1 / 9, classifierBias: false },
  };
}

/**
 * ResNet-20's layout with 4 and 8 filters and one block per stage (about 1,400 parameters):
 * trains in seconds on any backend, for demos and tests, not for accuracy.
 */
function tiny(): NetworkSpec {
  return {
    ...cifarResNet(20),
    name: 'tiny',
    stem: { filters: 4, kernelSize: 3, stride: 1, batchNormRelu: true },
    stages: [
      { filters: 4, blocks: 1, stride: 1 },
      { filters: 8, blocks: 1, stride: 2 },
    ],
  };
}

const PRESETS = {
  simple,
  resnet20: () => cifarResNet(20),
  resnet32: () => cifarResNet(32),
  resnet44: () => cifarResNet(44),
  resnet56: () => cifarResNet(56),
  resnet110: () => cifarResNet(110),
  'preact-resnet18': preactResNet18,
  resnet9: () => resnet9('resnet9', 1),
  'resnet9-half': () => resnet9('resnet9-half', 0.5),
  airbench,
  tiny,
} satisfies Record<string, () => NetworkSpec>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as readonly PresetName[];

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** A fresh copy of a preset's spec, safe to modify. */
export function getPreset(name: PresetName): NetworkSpec {
  // Names also come from JSON and command lines: only the record's own keys are presets.
  if (!Object.hasOwn(PRESETS, name)) throw new Error(`Unknown model "${String(name)}": expected one of ${PRESET_NAMES.join(', ')}`);
  return PRESETS[name]();
}
