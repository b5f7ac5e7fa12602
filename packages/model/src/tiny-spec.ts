import { getPreset } from './presets.js';
import type { NetworkSpec } from './spec.js';

/**
 * A ResNet-20-style network on 8x8 RGB images with 4 then 8 filters (one block per stage,
 * the second with a stride-2 zero-pad shortcut): about 1,400 parameters, fast enough for
 * any unit test. Override any field, e.g. `tinySpec({ shortcut: 'projection' })`.
 */
export function tinySpec(overrides: Partial<NetworkSpec> = {}): NetworkSpec {
  return {
    ...getPreset('resnet20'),
    name: 'tiny',
    inputShape: [8, 8, 3],
    stem: { filters: 4, kernelSize: 3, stride: 1, batchNormRelu: true },
    stages: [
      { filters: 4, blocks: 1, stride: 1 },
      { filters: 8, blocks: 1, stride: 2 },
    ],
    ...overrides,
  };
}
