/**
 * @resnet/model: ResNets for CIFAR as data (`NetworkSpec`), one builder (`buildModel`), presets,
 * residual blocks and a Keras-like `summary()`. Backend-agnostic: only `@tensorflow/tfjs`.
 *
 * Tiny networks for fast tests: `buildModel(tinySpec(), { seed: 1 })` (8x8x3 inputs, 4 and 8
 * filters), or shrink any spec yourself:
 *   buildModel({ ...getPreset('resnet20'), inputShape: [8, 8, 3],
 *     stem: { filters: 4, kernelSize: 3, stride: 1, batchNormRelu: true },
 *     stages: [{ filters: 4, blocks: 1, stride: 1 }, { filters: 8, blocks: 1, stride: 2 }] });
 *
 * Training: add `regularizationLoss(model)` to the data loss (weight decay lives in the kernels'
 * L2 regularizers). Saved models load anywhere with `loadModel()`.
 */
export type {
  BatchNormSpec,
  BlockKind,
  HeadSpec,
  KernelInitializerName,
  NetworkSpec,
  ShortcutKind,
  StageSpec,
  StemKind,
  StemSpec,
} from './spec.js';
export { PRESET_NAMES, getPreset, isPresetName, type PresetName } from './presets.js';
export { tinySpec } from './tiny-spec.js';
export { validateSpec } from './validate-spec.js';
export { buildModel, type BuildOptions, type HeadKind } from './build-model.js';
export { modelLogits, predictProbabilities } from './model-outputs.js';
export { BatchNormalization } from './batch-normalization.js';
export { Conv2D } from './conv2d.js';
export { GlobalMaxPooling2D } from './global-max-pooling.js';
export { residualBlock, type ResidualBlockOptions } from './residual-block.js';
export type { LayerSettings } from './layers.js';
export { ZeroPadShortcut, type ZeroPadShortcutArgs } from './zero-pad-shortcut.js';
export { registerModelLayers } from './register-model-layers.js';
export { loadModel } from './load-model.js';
export { hasWhitening, initializeWhitening, WHITENING_EPSILON } from './whitening.js';
export { countParams, type ParamCounts } from './count-params.js';
export { summary } from './summary.js';
export { regularizationLoss } from './regularization-loss.js';
