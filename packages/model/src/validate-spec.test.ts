import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import type { NetworkSpec } from './spec.js';
import { tinySpec } from './tiny-spec.js';
import { validateSpec } from './validate-spec.js';

describe('validateSpec', () => {
  it('accepts every tiny variant', () => {
    expect(() => validateSpec(tinySpec())).not.toThrow();
    expect(() => validateSpec(tinySpec({ block: 'preact', shortcut: 'projection' }))).not.toThrow();
  });

  it.each<[string, Partial<NetworkSpec>, string]>([
    ['zero filters', { stages: [{ filters: 0, blocks: 1, stride: 1 }] }, 'stages[0].filters must be an integer >= 1, got 0'],
    ['fractional blocks', { stages: [{ filters: 4, blocks: 1.5, stride: 1 }] }, 'stages[0].blocks must be an integer >= 1, got 1.5'],
    ['zero blocks after a strided block entry', { stages: [{ filters: 4, blocks: 0, stride: 1 }] }, 'stages[0].blocks must be an integer >= 1, got 0'],
    [
      'an unknown stage entry',
      { stages: [{ filters: 4, blocks: 1, stride: 2, entry: 'pool' as 'block' }] },
      'stages[0].entry must be one of block, conv-pool, got "pool"',
    ],
    ['no stages', { stages: [] }, 'stages must be a non-empty array, got []'],
    ['a 2-d input shape', { inputShape: [8, 8] as unknown as [number, number, number] }, 'inputShape must be [height, width, channels], got [8,8]'],
    ['one class', { numClasses: 1 }, 'numClasses must be an integer >= 2, got 1'],
    ['an unknown block', { block: 'bottleneck' as NetworkSpec['block'] }, 'block must be one of basic, preact, plain, got "bottleneck"'],
    [
      'a whitening stem with the wrong filter count',
      { stem: { kind: 'whitening', filters: 12, kernelSize: 2, stride: 1, batchNormRelu: false } },
      'stem.filters must be 24 for a whitening stem (2 x kernelSize^2 x channels), got 12',
    ],
    [
      'a whitening stem with BN',
      { stem: { kind: 'whitening', filters: 24, kernelSize: 2, stride: 1, batchNormRelu: true } },
      'stem.batchNormRelu must be false for a whitening stem',
    ],
    ['an unknown stem kind', { stem: { kind: 'pca' as 'conv', filters: 4, kernelSize: 3, stride: 1, batchNormRelu: true } }, 'stem.kind must be one of conv, whitening, got "pca"'],
    ['an unknown head pooling', { head: { batchNormRelu: false, pooling: 'sum' as 'max' } }, 'head.pooling must be one of average, max, got "sum"'],
    ['a zero logit scale', { head: { batchNormRelu: false, logitScale: 0 } }, 'head.logitScale must be a finite number > 0, got 0'],
    ['a string identityInit', { identityInit: 'yes' as unknown as boolean }, 'identityInit must be true or false, got "yes"'],
    ['an unknown initializer', { kernelInitializer: 'he' as NetworkSpec['kernelInitializer'] }, 'kernelInitializer must be one of'],
    ['negative weight decay', { weightDecay: -1 }, 'weightDecay must be a finite number >= 0, got -1'],
    ['a missing stem (a JSON spec file)', { stem: undefined }, 'stem must be an object, got undefined'],
    ['a missing head', { head: undefined }, 'head must be an object, got undefined'],
    ['a string useBias', { useBias: 'yes' as unknown as boolean }, 'useBias must be true or false, got "yes"'],
    ['momentum 1', { batchNorm: { momentum: 1, epsilon: 1e-3 } }, 'batchNorm.momentum must be in [0, 1), got 1'],
    [
      'fewer channels with option A',
      { stages: [{ filters: 2, blocks: 1, stride: 2 }] },
      'stages[0].filters must be >= the previous 4 with a zero-pad shortcut, got 2',
    ],
  ])('rejects %s, naming the spec and field', (_, overrides, message) => {
    expect(() => validateSpec(tinySpec(overrides))).toThrow(`Invalid network spec "tiny": ${message}`);
  });

  it('buildModel validates after applying the options', () => {
    expect(() => buildModel(tinySpec(), { numClasses: 0 })).toThrow('numClasses must be an integer >= 2, got 0');
    expect(() => buildModel('nope' as 'simple')).toThrow(/Unknown model "nope"/);
  });

  it('a conv-pool stage may have no residual blocks', () => {
    expect(() => validateSpec(tinySpec({ stages: [{ filters: 8, blocks: 0, stride: 2, entry: 'conv-pool' }] }))).not.toThrow();
  });

  it('option B allows fewer channels', () => {
    expect(() => validateSpec(tinySpec({ shortcut: 'projection', stages: [{ filters: 2, blocks: 1, stride: 2 }] }))).not.toThrow();
  });
});
