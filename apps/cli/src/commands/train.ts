import { join } from 'node:path';
import { BatchIterator, holdOutLast, takeFirst, type Cifar10 } from '@resnet/data';
import { countParams } from '@resnet/model';
import { earlyStopping, fit, RUN_FILES, type FitResult, type RunConfig, type TrainingCallback } from '@resnet/trainer';
import { checkpointCallback, fileSystemIO, metricsLogCallback, plotCallback, readRunConfig } from '@resnet/trainer/node';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { resolveModelOption } from '../options/model-option.js';
import { trainingProgress } from '../progress/training-progress.js';
import { defaultOutDir } from '../run/default-out-dir.js';
import { loadData } from '../run/load-data.js';
import { formatReport, scoreOnTest, writeReport } from '../run/report.js';
import { setupBackend } from '../run/setup-backend.js';
import { resumeRun, startFreshRun, type StartedRun } from '../run/start-run.js';
import { dataSource, trainConfig } from './train-config.js';
import { addTrainOptions, RESUMABLE_FLAGS, type TrainFlags } from './train-options.js';

/** Evaluation needs no gradients, so it can take bigger batches than training. */
const EVAL_BATCH_SIZE = 256;
/** What shells report for a process stopped by Ctrl-C. */
const INTERRUPTED = 130;

export function registerTrainCommand(program: Command): void {
  addTrainOptions(
    program
      .command('train')
      .description('train a network on CIFAR-10; defaults are the seed recipe (simple, Adam 1e-3, batch 64, 10 epochs)'),
  ).action((flags: TrainFlags, command: Command) => train(flags, command));
}

/** How to build the run's config once the data set's class names are known. */
interface Recipe {
  data: string | undefined;
  configFor(classNames: string[]): RunConfig;
}

async function freshRecipe(flags: TrainFlags): Promise<Recipe> {
  const model = await resolveModelOption(flags.model);
  return { data: flags.data, configFor: (classNames) => trainConfig(flags, model, classNames) };
}

/** With --resume the run's config.json is the recipe: only where and how long may change. */
async function resumedRecipe(resumeDir: string, flags: TrainFlags, command: Command): Promise<Recipe> {
  const fixed = command.options
    .filter((o) => command.getOptionValueSource(o.attributeName()) === 'cli' && !RESUMABLE_FLAGS.includes(o.attributeName()))
    .map((o) => o.long);
  if (fixed.length > 0) {
    command.error(
      `error: --resume continues a run with its own config.json; ${fixed.join(', ')} cannot change (only --epochs, --data, --cache-dir, --backend, --threads).`,
    );
  }
  const saved = await readRunConfig(resumeDir);
  const config: RunConfig = {
    ...saved,
    epochs: command.getOptionValueSource('epochs') === 'cli' ? flags.epochs : saved.epochs,
    data: dataSource(flags.data) ?? saved.data,
  };
  return { data: config.data ?? undefined, configFor: () => config };
}

function checkDataFits(config: RunConfig, data: Cifar10): void {
  const [height, width, channels] = config.inputShape;
  const { train } = data;
  if (train.height !== height || train.width !== width || train.channels !== channels) {
    throw new CliError(
      `the network takes ${height}x${width}x${channels} images but the data set has ${train.height}x${train.width}x${train.channels}.`,
    );
  }
}

function interruptOnSigint(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    console.error('\ninterrupted: stopping after this batch (Ctrl-C again to quit at once)');
    controller.abort();
    process.once('SIGINT', () => process.exit(INTERRUPTED));
  };
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.off('SIGINT', onSigint) };
}

async function train(flags: TrainFlags, command: Command): Promise<void> {
  const resumeDir = flags.resume;
  // Read the recipe, then the data, so a bad config, spec file or --data fails before the backend starts.
  const recipe = resumeDir ? await resumedRecipe(resumeDir, flags, command) : await freshRecipe(flags);
  const data = await loadData(recipe.data, flags.cacheDir);
  await setupBackend(flags.backend, flags.threads);
  const config = recipe.configFor(data.classNames);
  checkDataFits(config, data);
  const outDir = resumeDir ?? flags.out ?? defaultOutDir();
  const run: StartedRun = resumeDir ? await resumeRun(resumeDir, config) : await startFreshRun(outDir, config);

  const { train: trainPool, validation: heldOut } = config.valSplit === null ? { train: data.train, validation: undefined } : holdOutLast(data.train, config.valSplit);
  const trainSplit = config.limit === null ? trainPool : takeFirst(trainPool, config.limit);
  const testSplit = config.testLimit === null ? data.test : takeFirst(data.test, config.testLimit);
  // With --val-split the test split is used once, for the final report.
  const validationSplit = heldOut ?? testSplit;
  const trainSource = new BatchIterator(trainSplit, {
    batchSize: config.batchSize,
    seed: config.seed,
    augment: config.augment,
    normalization: config.normalization,
  });
  const evalOptions = { batchSize: EVAL_BATCH_SIZE, shuffle: false, normalization: config.normalization };
  const { trainable } = countParams(run.model);
  console.log(
    `${resumeDir ? 'Resuming' : 'Training'} ${run.model.name} (${trainable.toLocaleString('en-US')} trainable parameters) on ` +
      `${trainSplit.count} images, validating on ${validationSplit.count} ${heldOut ? 'held-out training' : 'test'} images; run directory: ${outDir}`,
  );

  const callbacks: TrainingCallback[] = [
    trainingProgress(),
    checkpointCallback(join(outDir, RUN_FILES.checkpoints)),
    metricsLogCallback(outDir),
    plotCallback(join(outDir, RUN_FILES.plot)),
    ...(config.patience === null ? [] : [earlyStopping({ patience: config.patience })]),
  ];
  const interrupt = interruptOnSigint();
  let result: FitResult;
  try {
    result = await fit(run.model, trainSource, {
      epochs: config.epochs,
      optimizer: config.optimizer,
      schedule: config.schedule,
      labelSmoothing: config.labelSmoothing,
      whiteningEpsilon: config.whiteningEpsilon,
      batchNormStatistics: config.batchNormStatistics,
      batchNorm: config.batchNormTraining,
      lookahead: config.lookahead ?? undefined,
      ...(config.lowRes ? { lowRes: config.lowRes } : {}),
      seed: config.seed,
      validation: new BatchIterator(validationSplit, evalOptions),
      callbacks,
      signal: interrupt.signal,
      ...(run.state ? { state: run.state } : {}),
    });
  } finally {
    interrupt.release();
  }
  if (result.stopMessage) console.log(result.stopMessage);
  const checkpoints = join(outDir, RUN_FILES.checkpoints);
  if (result.stopReason === 'aborted') {
    throw new CliError(`training interrupted; epochs completed are in ${checkpoints}; continue with: resnet train --resume ${outDir}`, INTERRUPTED);
  }
  if (result.stopReason === 'non-finite-loss') {
    throw new CliError(`training diverged; the last good epoch is in ${checkpoints}; start again with a lower --lr`);
  }

  await run.model.save(fileSystemIO(join(outDir, RUN_FILES.model)));
  const report = await scoreOnTest(run.model, new BatchIterator(testSplit, evalOptions), config.classNames, config.flipTta);
  await writeReport(outDir, report);
  console.log(formatReport(report));
  console.log(`model, checkpoints, metrics and ${RUN_FILES.report} are in ${outDir}; training curves: ${join(outDir, RUN_FILES.plot)}`);
  run.model.dispose();
}
