import type { NodeBackendChoice } from '@resnet/backend/node';
import { BatchIterator, takeFirst } from '@resnet/data';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.js';
import { backendOption, cacheDirOption, dataOption, threadsOption } from '../options/common-options.js';
import { parsePositiveInt } from '../options/parse-number.js';
import { loadData } from '../run/load-data.js';
import { loadTrainedModel } from '../run/load-trained-model.js';
import { formatReport, scoreOnTest } from '../run/report.js';
import { setupBackend } from '../run/setup-backend.js';

interface EvalFlags {
  model: string;
  data?: string;
  cacheDir?: string;
  backend: NodeBackendChoice;
  threads?: number;
  batchSize: number;
  limit?: number;
  flipTta: boolean;
  json: boolean;
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description("score a trained model on the CIFAR-10 test split: accuracy, per-class accuracy, confusion matrix")
    .requiredOption('--model <dir>', 'a run directory written by "resnet train" (or its model/ directory)')
    .addOption(dataOption())
    .addOption(cacheDirOption())
    .addOption(backendOption())
    .addOption(threadsOption())
    .addOption(new Option('--batch-size <n>', 'images per forward pass').argParser(parsePositiveInt).default(256))
    .addOption(new Option('--limit <n>', 'score the first N test images only').argParser(parsePositiveInt))
    .addOption(new Option('--flip-tta', 'also score each image averaged with its mirror').default(false))
    .addOption(new Option('--json', 'print the full report (confusion matrix included) as JSON').default(false))
    .action((flags: EvalFlags) => evalCommand(flags));
}

async function evalCommand(flags: EvalFlags): Promise<void> {
  await setupBackend(flags.backend, flags.threads);
  const { model, config, inputShape } = await loadTrainedModel(flags.model);
  const data = await loadData(flags.data ?? config.data ?? undefined, flags.cacheDir);
  const test = flags.limit === undefined ? data.test : takeFirst(data.test, flags.limit);
  const [height, width, channels] = inputShape;
  if (test.height !== height || test.width !== width || test.channels !== channels) {
    throw new CliError(`the model takes ${height}x${width}x${channels} images but the test split has ${test.height}x${test.width}x${test.channels}.`);
  }
  const source = new BatchIterator(test, { batchSize: flags.batchSize, shuffle: false, normalization: config.normalization });
  const report = await scoreOnTest(model, source, config.classNames, flags.flipTta);
  console.log(flags.json ? JSON.stringify(report, null, 2) : formatReport(report));
  model.dispose();
}
