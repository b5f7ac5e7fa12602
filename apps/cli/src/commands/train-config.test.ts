import { resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { trainConfig } from './train-config.js';
import { addTrainOptions, type TrainFlags } from './train-options.js';

function flags(args: string[]): TrainFlags {
  const command = addTrainOptions(new Command('train')).exitOverride();
  command.parse(args, { from: 'user' });
  return command.opts<TrainFlags>();
}

describe('trainConfig', () => {
  it('defaults to the seed recipe', () => {
    const config = trainConfig(flags([]), 'simple', ['a']);
    expect(config).toMatchObject({
      model: 'simple',
      inputShape: [32, 32, 3],
      epochs: 10,
      batchSize: 64,
      optimizer: { name: 'adam', lr: 1e-3 },
      schedule: { name: 'constant' },
      normalization: 'scale',
      augment: false,
      weightDecay: 0,
      limit: null,
      valSplit: null,
      testLimit: null,
      batchNormStatistics: { mode: 'auto' },
      modelOptions: {},
      data: null,
    });
  });

  it("takes the model's own weight decay unless --weight-decay is given", () => {
    expect(trainConfig(flags(['--model', 'resnet20']), 'resnet20', []).weightDecay).toBe(5e-5);
    expect(trainConfig(flags(['--weight-decay', '0']), 'resnet20', []).weightDecay).toBe(0);
  });

  it('records --bn-momentum as a build option, keeping the preset by name', () => {
    const config = trainConfig(flags(['--bn-momentum', '0.9']), 'simple', []);
    expect(config.model).toBe('simple');
    expect(config.modelOptions).toEqual({ batchNorm: { momentum: 0.9 } });
    expect(() => flags(['--bn-momentum', '1'])).toThrow(/\[0, 1\)/);
  });

  it('records --bn-stats, --bn-stats-batches and --val-split', () => {
    const config = trainConfig(flags(['--bn-stats', 'recompute', '--bn-stats-batches', '8', '--val-split', '5000']), 'simple', []);
    expect(config.batchNormStatistics).toEqual({ mode: 'recompute', batches: 8 });
    expect(config.valSplit).toBe(5000);
    expect(() => flags(['--bn-stats', 'sometimes'])).toThrow(/Allowed choices are auto, moving, recompute/);
  });

  it('builds SGD and schedule configs from their flags', () => {
    const config = trainConfig(
      flags(['--optimizer', 'sgd', '--nesterov', '--schedule', 'step', '--step-epochs', '2', '--gamma', '0.5', '--warmup-epochs', '1']),
      'simple',
      [],
    );
    expect(config.optimizer).toEqual({ name: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true });
    expect(config.schedule).toEqual({ name: 'step', stepEpochs: 2, gamma: 0.5, warmupEpochs: 1 });
  });

  it('stores local data paths absolute and URLs as given', () => {
    expect(trainConfig(flags(['--data', 'cifar.tar.gz']), 'simple', []).data).toBe(resolve('cifar.tar.gz'));
    expect(trainConfig(flags(['--data', 'https://example.com/c.tar.gz']), 'simple', []).data).toBe('https://example.com/c.tar.gz');
  });
});
