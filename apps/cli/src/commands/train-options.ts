import type { NodeBackendChoice } from '@resnet/backend/node';
import { AUGMENT_DEFAULTS } from '@resnet/data';
import { WHITENING_EPSILON } from '@resnet/model';
import { Option, type Command } from 'commander';
import { MODEL_OPTION_HELP, parseModelOption } from '../options/model-option.js';
import { backendOption, cacheDirOption, dataOption, threadsOption } from '../options/common-options.js';
import {
  parseFraction,
  parseNonNegativeInt,
  parseNonNegativeNumber,
  parsePositiveInt,
  parsePositiveNumber,
} from '../options/parse-number.js';

/** What commander hands the train action. */
export interface TrainFlags {
  model: string;
  epochs: number;
  batchSize: number;
  optimizer: 'adam' | 'sgd' | 'muon';
  lr?: number;
  momentum: number;
  nesterov: boolean;
  /** Only with --optimizer muon. */
  muonLr?: number;
  muonMomentum?: number;
  schedule: 'constant' | 'step' | 'cosine' | 'linear' | 'one-cycle';
  /** Only for cosine and linear. */
  minLr?: number;
  warmupEpochs: number;
  /** Only with --warmup-epochs. */
  warmupStart?: number;
  stepEpochs: number;
  gamma: number;
  weightDecay?: number;
  bnMomentum?: number;
  bnStats: 'auto' | 'moving' | 'recompute';
  bnStatsBatches?: number;
  freezeBnScale: boolean;
  bnBiasLrScale: number;
  lookahead: boolean;
  /** Only with --lookahead. */
  lookaheadEvery?: number;
  /** Progressive resizing: the first --low-res-fraction of the steps on images scaled down to this size. */
  lowRes?: number;
  /** Only with --low-res. */
  lowResFraction?: number;
  labelSmoothing: number;
  /** Only for models with a whitening stem. */
  whitenEps?: number;
  augment: boolean;
  /** These three shape --augment and are recorded only with it. */
  cropPadding: number;
  paddingMode: 'zero' | 'reflect';
  flip: 'random' | 'alternate' | 'none';
  normalize: 'scale' | 'standardize';
  data?: string;
  cacheDir?: string;
  out?: string;
  seed: number;
  backend: NodeBackendChoice;
  threads?: number;
  limit?: number;
  valSplit?: number;
  testLimit?: number;
  patience?: number;
  flipTta: boolean;
  resume?: string;
}

/** Flags that may change on --resume: where and how fast to run, and how long. */
export const RESUMABLE_FLAGS = ['epochs', 'backend', 'threads', 'data', 'cacheDir', 'resume'];

export function addTrainOptions(command: Command): Command {
  return command
    .addOption(new Option('--model <name|file>', MODEL_OPTION_HELP).argParser(parseModelOption).default('simple'))
    .addOption(new Option('--epochs <n>', 'epochs to train (in all, when resuming)').argParser(parsePositiveInt).default(10))
    .addOption(new Option('--batch-size <n>', 'images per step').argParser(parsePositiveInt).default(64))
    .addOption(
      new Option('--optimizer <name>', 'optimizer; muon: Muon on the conv filters, sgd (--lr, --momentum, --nesterov) on the rest').choices(['adam', 'sgd', 'muon']).default('adam'),
    )
    .addOption(new Option('--lr <rate>', 'learning rate (default: 1e-3 for adam, 0.1 for sgd and muon)').argParser(parsePositiveNumber))
    .addOption(new Option('--momentum <m>', 'sgd momentum in [0, 1)').argParser(parseFraction).default(0.9))
    .addOption(new Option('--nesterov', 'sgd with Nesterov momentum').default(false))
    .addOption(new Option('--muon-lr <rate>', "muon: the conv filters' learning rate, scaled by the schedule like --lr (default 0.05)").argParser(parsePositiveNumber))
    .addOption(new Option('--muon-momentum <m>', "muon: the conv filters' Nesterov momentum in [0, 1) (default 0.6)").argParser(parseFraction))
    .addOption(
      new Option('--schedule <name>', 'learning-rate schedule')
        .choices(['constant', 'step', 'cosine', 'linear', 'one-cycle'])
        .default('constant'),
    )
    .addOption(new Option('--min-lr <rate>', 'cosine and linear schedules: the rate they end at (default 0)').argParser(parseNonNegativeNumber))
    .addOption(new Option('--warmup-epochs <n>', 'linear warm-up epochs').argParser(parseNonNegativeNumber).default(0))
    .addOption(new Option('--warmup-start <f>', 'the fraction of the learning rate the warm-up starts from, in [0, 1) (default 0; airbench 0.2)').argParser(parseFraction))
    .addOption(new Option('--step-epochs <n>', 'step schedule: epochs between decays').argParser(parsePositiveNumber).default(30))
    .addOption(new Option('--gamma <g>', 'step schedule: decay factor').argParser(parsePositiveNumber).default(0.1))
    .addOption(
      new Option('--weight-decay <l2>', "L2 coefficient on kernels (default: the model's own)").argParser(parseNonNegativeNumber),
    )
    .addOption(
      new Option('--bn-momentum <m>', "BatchNorm moving-average momentum in [0, 1) (default: the model's own)").argParser(parseFraction),
    )
    .addOption(
      new Option('--bn-stats <mode>', 'BatchNorm statistics for evaluation: recompute them from training batches (precise BN), keep the moving averages, or auto: recompute while the averages are too young')
        .choices(['auto', 'moving', 'recompute'])
        .default('auto'),
    )
    .addOption(new Option('--bn-stats-batches <n>', 'training batches the recomputed statistics average over (default 32)').argParser(parsePositiveInt))
    .addOption(new Option('--freeze-bn-scale', 'leave every BatchNorm scale (gamma) untrained, at its initial value, as airbench does').default(false))
    .addOption(
      new Option('--bn-bias-lr-scale <k>', 'sgd and muon: k times the learning rate on every BatchNorm bias (beta); airbench uses 64').argParser(parsePositiveNumber).default(1),
    )
    .addOption(new Option('--lookahead', 'Lookahead as in airbench: every 5 steps and at each epoch end, all weights restart from a slow moving average of themselves').default(false))
    .addOption(new Option('--lookahead-every <n>', 'steps between Lookahead updates (default 5; only with --lookahead)').argParser(parsePositiveInt))
    .addOption(
      new Option('--low-res <px>', 'progressive resizing: train the first --low-res-fraction of the steps on the augmented images scaled down to px x px (bilinear), the rest at full size').argParser(
        parsePositiveInt,
      ),
    )
    .addOption(new Option('--low-res-fraction <f>', 'the fraction of all steps --low-res covers, in (0, 1] (default 0.5)').argParser(parsePositiveNumber))
    .addOption(new Option('--label-smoothing <e>', 'label smoothing in [0, 1)').argParser(parseFraction).default(0))
    .addOption(
      new Option('--whiten-eps <e>', `models with a whitening stem (airbench): added to the patch covariance's eigenvalues before they scale the stem's filters (default ${WHITENING_EPSILON}, airbench's)`).argParser(
        parseNonNegativeNumber,
      ),
    )
    .addOption(new Option('--augment', 'random crops and horizontal flips, as --crop-padding, --padding-mode and --flip say').default(false))
    .addOption(
      new Option('--crop-padding <px>', 'pixels of padding on each side before the random crop, 0 for none, used and recorded only with --augment')
        .argParser(parseNonNegativeInt)
        .default(AUGMENT_DEFAULTS.padding),
    )
    .addOption(
      new Option('--padding-mode <mode>', 'the crop border: zero (black) or reflect (the image mirrored at its edge), used and recorded only with --augment')
        .choices(['zero', 'reflect'])
        .default(AUGMENT_DEFAULTS.paddingMode),
    )
    .addOption(
      new Option('--flip <mode>', 'left-right flips: random (a coin per image per epoch), alternate (each image mirrored in every other epoch, as in airbench) or none, used and recorded only with --augment')
        .choices(['random', 'alternate', 'none'])
        .default(AUGMENT_DEFAULTS.flip),
    )
    .addOption(
      new Option('--normalize <mode>', 'scale: pixels / 255; standardize: per-channel mean and std')
        .choices(['scale', 'standardize'])
        .default('scale'),
    )
    .addOption(dataOption())
    .addOption(cacheDirOption())
    .addOption(new Option('--out <dir>', 'output directory (default: runs/<timestamp>)'))
    .addOption(new Option('--seed <n>', 'seed for weights, data order and augmentation').argParser(parseNonNegativeInt).default(0))
    .addOption(backendOption())
    .addOption(threadsOption())
    .addOption(new Option('--limit <n>', 'train on the first N training images').argParser(parsePositiveInt))
    .addOption(
      new Option('--val-split <n>', 'hold out the last N training images for validation, early stopping and best/; the test split is then used once, for the final report').argParser(parsePositiveInt),
    )
    .addOption(new Option('--test-limit <n>', 'report (and validate, without --val-split) on the first N test images (default: all 10,000)').argParser(parsePositiveInt))
    .addOption(new Option('--patience <n>', 'stop after N epochs without a better val_loss').argParser(parsePositiveInt))
    .addOption(new Option('--flip-tta', 'final report averages each test image with its mirror').default(false))
    .addOption(new Option('--resume <dir>', "continue an interrupted run from its last checkpoint, with its config.json"));
}
