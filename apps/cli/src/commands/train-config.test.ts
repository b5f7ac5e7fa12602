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
      batchNormTraining: { trainScale: true, biasLrScale: 1 },
      lookahead: null,
      lowRes: null,
      whiteningEpsilon: 5e-4,
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

  it('records --low-res and --low-res-fraction (default half the steps), below the network input size only', () => {
    expect(trainConfig(flags(['--low-res', '20']), 'airbench', []).lowRes).toEqual({ size: 20, fraction: 0.5 });
    expect(trainConfig(flags(['--low-res', '24', '--low-res-fraction', '0.25']), 'airbench', []).lowRes).toEqual({ size: 24, fraction: 0.25 });
    expect(() => trainConfig(flags(['--low-res', '32']), 'airbench', [])).toThrow("--low-res 32: expected a size below the network's input, 32x32.");
    expect(() => trainConfig(flags(['--low-res', '20', '--low-res-fraction', '1.5']), 'airbench', [])).toThrow('--low-res-fraction 1.5: expected a fraction of the steps in (0, 1].');
    expect(() => trainConfig(flags(['--low-res-fraction', '0.5']), 'airbench', [])).toThrow('--low-res-fraction needs --low-res.');
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

  it('builds the Muon config: SGD settings for the other weights, the filters\' lr and momentum, defaults 0.05 and 0.6', () => {
    const config = trainConfig(flags(['--optimizer', 'muon', '--lr', '0.3', '--momentum', '0.85', '--nesterov', '--muon-lr', '0.08']), 'simple', []);
    expect(config.optimizer).toEqual({ name: 'muon', lr: 0.3, momentum: 0.85, nesterov: true, muonLr: 0.08, muonMomentum: 0.6 });
    expect(trainConfig(flags(['--optimizer', 'muon']), 'simple', []).optimizer).toEqual({
      name: 'muon', lr: 0.1, momentum: 0.9, nesterov: false, muonLr: 0.05, muonMomentum: 0.6,
    });
    expect(() => trainConfig(flags(['--optimizer', 'sgd', '--muon-lr', '0.1']), 'simple', [])).toThrow('--muon-lr and --muon-momentum need --optimizer muon.');
    expect(() => flags(['--optimizer', 'muon', '--muon-momentum', '1'])).toThrow(/--muon-momentum/);
  });

  it('builds the airbench recipe: linear decay to --min-lr after a warm-up from 0.2 of the rate, frozen BatchNorm scales, bias lr x64, Lookahead', () => {
    const config = trainConfig(
      flags([
        '--optimizer', 'sgd', '--lr', '0.2', '--schedule', 'linear', '--warmup-epochs', '2.3', '--warmup-start', '0.2', '--min-lr', '0.014',
        '--freeze-bn-scale', '--bn-bias-lr-scale', '64', '--lookahead',
      ]),
      'simple',
      [],
    );
    expect(config.schedule).toEqual({ name: 'linear', minLr: 0.014, warmupEpochs: 2.3, warmupStart: 0.2 });
    expect(() => trainConfig(flags(['--warmup-start', '0.2']), 'simple', [])).toThrow('--warmup-start needs --warmup-epochs.');
    expect(() => flags(['--warmup-epochs', '1', '--warmup-start', '1'])).toThrow(/--warmup-start/);
    expect(config.batchNormTraining).toEqual({ trainScale: false, biasLrScale: 64 });
    expect(config.lookahead).toEqual({ every: 5, decay: 0.95 ** 5, power: 3 });
    expect(trainConfig(flags(['--lookahead', '--lookahead-every', '3']), 'simple', []).lookahead).toEqual({ every: 3, decay: 0.95 ** 5, power: 3 });
    expect(trainConfig(flags(['--schedule', 'cosine', '--min-lr', '1e-4']), 'simple', []).schedule).toEqual({ name: 'cosine', minLr: 1e-4 });
  });

  it('rejects airbench flags that would not apply, before any run directory is written', () => {
    const config = (args: string[]) => () => trainConfig(flags(args), 'simple', []);
    expect(config(['--bn-bias-lr-scale', '64'])).toThrow("--bn-bias-lr-scale needs --optimizer sgd or muon: it scales the biases' gradients");
    expect(config(['--lookahead-every', '3'])).toThrow('--lookahead-every needs --lookahead.');
    expect(config(['--min-lr', '0.01'])).toThrow('--min-lr is for --schedule cosine or linear.');
    expect(config(['--schedule', 'linear', '--min-lr', '0.01'])).toThrow('--min-lr 0.01 is above the learning rate, 0.001.');
    expect(() => flags(['--bn-bias-lr-scale', '0'])).toThrow(/expected a number > 0, got "0"/);
    expect(() => flags(['--lookahead-every', '0'])).toThrow(/expected a whole number >= 1, got "0"/);
    expect(() => flags(['--schedule', 'exponential'])).toThrow(/Allowed choices are constant, step, cosine, linear, one-cycle/);
  });

  it('records --whiten-eps for a model with a whitening stem, and rejects it for one without', () => {
    expect(trainConfig(flags(['--model', 'airbench', '--whiten-eps', '5e-3']), 'airbench', []).whiteningEpsilon).toBe(5e-3);
    expect(trainConfig(flags(['--model', 'airbench']), 'airbench', []).whiteningEpsilon).toBe(5e-4);
    expect(() => trainConfig(flags(['--whiten-eps', '5e-3']), 'simple', [])).toThrow('--whiten-eps is for models with a whitening stem (airbench); simple has none.');
    expect(() => flags(['--whiten-eps', '-1'])).toThrow(/--whiten-eps.*expected a number >= 0, got "-1"/);
  });

  it('records --augment with the default crop and flip, and the augment flags only with it', () => {
    expect(trainConfig(flags(['--augment']), 'simple', []).augment).toEqual({ padding: 4, paddingMode: 'zero', flip: 'random' });
    const airbench = trainConfig(flags(['--augment', '--crop-padding', '2', '--padding-mode', 'reflect', '--flip', 'alternate']), 'simple', []);
    expect(airbench.augment).toEqual({ padding: 2, paddingMode: 'reflect', flip: 'alternate' });
    expect(trainConfig(flags(['--crop-padding', '2', '--flip', 'alternate']), 'simple', []).augment).toBe(false);
  });

  it('rejects bad augment flags with clear errors', () => {
    expect(() => flags(['--flip', 'sometimes'])).toThrow(/Allowed choices are random, alternate, none/);
    expect(() => flags(['--padding-mode', 'wrap'])).toThrow(/Allowed choices are zero, reflect/);
    expect(() => flags(['--crop-padding', '1.5'])).toThrow(/--crop-padding.*expected a whole number >= 0, got "1.5"/);
    expect(() => trainConfig(flags(['--augment', '--crop-padding', '32', '--padding-mode', 'reflect']), 'simple', [])).toThrow(
      '--crop-padding/--padding-mode: reflect padding 32 must be smaller than the image (32x32)',
    );
  });

  it('stores local data paths absolute and URLs as given', () => {
    expect(trainConfig(flags(['--data', 'cifar.tar.gz']), 'simple', []).data).toBe(resolve('cifar.tar.gz'));
    expect(trainConfig(flags(['--data', 'https://example.com/c.tar.gz']), 'simple', []).data).toBe('https://example.com/c.tar.gz');
  });
});
