import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import { countParams, type ParamCounts } from './count-params.js';
import { getPreset, type PresetName } from './presets.js';
import type { ShortcutKind } from './spec.js';

/** Also checks the preset's input and output shapes while the model exists. */
function countsOf(name: PresetName, shortcut?: ShortcutKind): ParamCounts {
  const model = buildModel(name, shortcut ? { shortcut } : {});
  expect(model.name).toBe(name);
  expect(model.inputs[0].shape).toEqual([null, 32, 32, 3]);
  expect(model.outputs[0].shape).toEqual([null, 10]);
  const counts = countParams(model);
  model.dispose();
  return counts;
}

/**
 * He et al.'s CIFAR ResNet of depth 6n + 2, counted by hand (BN: 2 trainable + 2 moving values
 * per channel; no conv bias):
 * - stem: 3x3x3x16 = 432, BN 32
 * - stage 1: n blocks of two 3x3x16x16 convs + BNs = 4,672 n
 * - stage 2: first block 4,608 + 9,216 + 128 = 13,952; n - 1 blocks of 18,560
 * - stage 3: first block 18,432 + 36,864 + 256 = 55,552; n - 1 blocks of 73,984
 * - dense 64 x 10 + 10 = 650
 * which sums to 97,216 n - 21,926 trainable and 32 + 448 n moving BN values. Option B adds
 * the projections 16x32 + BN 64 and 32x64 + BN 128: 2,752 trainable, 192 non-trainable.
 */
function cifarResNetCounts(depth: number, shortcut: ShortcutKind): ParamCounts {
  const n = (depth - 2) / 6;
  const projection = shortcut === 'projection';
  const trainable = 97_216 * n - 21_926 + (projection ? 2_752 : 0);
  const nonTrainable = 448 * n + 32 + (projection ? 192 : 0);
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}

describe('preset parameter counts', () => {
  it('simple matches the Keras seed network: 679,562 total, 677,642 trainable', () => {
    expect(countsOf('simple')).toEqual({ total: 679_562, trainable: 677_642, nonTrainable: 1_920 });
  });

  it('resnet20 has 269,722 trainable parameters with option A and 272,474 with option B', () => {
    expect(countsOf('resnet20').trainable).toBe(269_722);
    expect(countsOf('resnet20', 'projection').trainable).toBe(272_474);
  });

  it('the hand-derived formula reproduces the ResNet-20 numbers', () => {
    expect(cifarResNetCounts(20, 'zero-pad').trainable).toBe(269_722);
    expect(cifarResNetCounts(20, 'projection').trainable).toBe(272_474);
  });

  it.each([20, 32, 44, 56, 110])('resnet%i follows the formula with both shortcuts', (depth) => {
    const name = `resnet${depth}` as PresetName;
    expect(countsOf(name)).toEqual(cifarResNetCounts(depth, 'zero-pad'));
    expect(countsOf(name, 'projection')).toEqual(cifarResNetCounts(depth, 'projection'));
  });

  it('the built nets have the parameter counts of He et al. 2015, table 6', () => {
    const millions = (name: PresetName, digits: number) => (countsOf(name).trainable / 1e6).toFixed(digits);
    expect((['resnet20', 'resnet32', 'resnet44', 'resnet56'] as const).map((name) => millions(name, 2))).toEqual(['0.27', '0.46', '0.66', '0.85']);
    expect(millions('resnet110', 1)).toBe('1.7');
  });

  it('tiny has 1,406 trainable parameters: stem 116, one 4-filter block 304, one 8-filter block 896, dense 90', () => {
    expect(countsOf('tiny').trainable).toBe(1_406);
  });

  it('preact-resnet18 is the usual CIFAR PreActResNet18 (11,171,146) plus the final BN (1,024)', () => {
    expect(countsOf('preact-resnet18')).toEqual({
      total: 11_179_978,
      trainable: 11_171_146 + 1_024,
      nonTrainable: 7_808,
    });
  });

  /**
   * Myrtle's ResNet-9 counted by hand at width 1 (3x3 convs, no bias, BN 2 + 2 per channel):
   * stem 1,728 + 128; stage 1 73,728 + 256 and a block of 2 x 147,456 + 512; stage 2
   * 294,912 + 512; stage 3 1,179,648 + 1,024 and a block of 2 x 2,359,296 + 2,048; dense
   * 5,130. Page's 6.57M. Half width: every conv a quarter, BN and dense a half.
   */
  it('resnet9 has the 6,573,130 parameters of Myrtle\'s ResNet-9; resnet9-half 1,646,122', () => {
    expect(countsOf('resnet9')).toEqual({ total: 6_577_610, trainable: 6_573_130, nonTrainable: 4_480 });
    expect(countsOf('resnet9-half')).toEqual({ total: 1_648_362, trainable: 1_646_122, nonTrainable: 2_240 });
  });

  /**
   * airbench94 counted by hand: whitening 2x2x3x24 = 288 (frozen); convs 3x3 24-64, 64-64,
   * 64-256, 256-256 three times = 13,824 + 36,864 + 147,456 + 3 x 589,824; BN on 64, 64 and
   * four times 256 (2 trained + 2 moving per channel); dense 256 x 10 without bias. airbench's
   * 1.97M (its frozen BN scales included).
   */
  it('airbench has the 1,975,072 parameters of airbench94, 288 of them the frozen whitening', () => {
    const convs = 13_824 + 36_864 + 147_456 + 3 * 589_824;
    const channels = 64 + 64 + 4 * 256;
    expect(countsOf('airbench')).toEqual({ total: 1_975_072, trainable: convs + 2 * channels + 2_560, nonTrainable: 288 + 2 * channels });
  });
});

describe('getPreset', () => {
  it('rejects an unknown name, listing the valid ones', () => {
    // As a name from JSON or a command line would arrive.
    expect(() => getPreset('resnet18' as PresetName)).toThrow(
      'Unknown model "resnet18": expected one of simple, resnet20, resnet32, resnet44, resnet56, resnet110, preact-resnet18, resnet9, resnet9-half, airbench, tiny',
    );
    expect(() => getPreset('toString' as PresetName)).toThrow(/Unknown model "toString"/);
  });

  it("keeps airbench's BatchNorm statistics momentum in Keras's sense: 0.6 of the old average stays each step", () => {
    // airbench94's BatchNorm(momentum=0.6) passes 1 - 0.6 to PyTorch, which keeps 1 - that of the old.
    expect(getPreset('airbench').batchNorm).toEqual({ momentum: 0.6, epsilon: 1e-12 });
  });

  it('returns a fresh copy each time', () => {
    const spec = getPreset('resnet20');
    spec.stages[0].filters = 1;
    spec.batchNorm.momentum = 0;
    expect(getPreset('resnet20').stages[0].filters).toBe(16);
    expect(getPreset('resnet20').batchNorm.momentum).toBe(0.9);
  });

  it('describes the seed network with biased convs and the He et al. nets without', () => {
    expect(getPreset('simple')).toMatchObject({ useBias: true, shortcut: 'projection', block: 'basic' });
    expect(getPreset('resnet56')).toMatchObject({
      useBias: false,
      shortcut: 'zero-pad',
      kernelInitializer: 'heNormal',
      stages: [
        { filters: 16, blocks: 9, stride: 1 },
        { filters: 32, blocks: 9, stride: 2 },
        { filters: 64, blocks: 9, stride: 2 },
      ],
    });
    expect(getPreset('preact-resnet18')).toMatchObject({ block: 'preact', head: { batchNormRelu: true } });
  });
});
