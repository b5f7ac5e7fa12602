import type { NodeBackendChoice } from '@resnet/backend/node';
import type { RgbImage } from '@resnet/data';
import { readFile } from 'node:fs/promises';
import { predictProbabilities } from '@resnet/model';
import * as tf from '@tensorflow/tfjs';
import { Option, type Command } from 'commander';
import { decodeImage } from '../images/decode-image.js';
import { prepareImages } from '../images/prepare-images.js';
import { backendOption, threadsOption } from '../options/common-options.js';
import { parsePositiveInt } from '../options/parse-number.js';
import { loadTrainedModel } from '../run/load-trained-model.js';
import { setupBackend } from '../run/setup-backend.js';

interface PredictFlags {
  model: string;
  topK: number;
  json: boolean;
  backend: NodeBackendChoice;
  threads?: number;
}

export function registerPredictCommand(program: Command): void {
  program
    .command('predict')
    .description('classify PNG or JPEG images with a trained model (resized to its input, normalized as in training)')
    .argument('<files...>', 'PNG or JPEG images')
    .requiredOption('--model <dir>', 'a run directory written by "resnet train" (or its model/ directory)')
    .addOption(new Option('--top-k <k>', 'classes to print per image').argParser(parsePositiveInt).default(3))
    .addOption(new Option('--json', 'print every class probability per file as JSON').default(false))
    .addOption(backendOption())
    .addOption(threadsOption())
    .action((files: string[], flags: PredictFlags) => predict(files, flags));
}

async function readImage(file: string): Promise<RgbImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new Error(`${file}: cannot read: ${(err as Error).message}`);
  }
  return decodeImage(bytes, file);
}

async function predict(files: string[], flags: PredictFlags): Promise<void> {
  // Decode first: a bad file fails in milliseconds, before the backend and model load.
  const images = await Promise.all(files.map(readImage));
  await setupBackend(flags.backend, flags.threads);
  const { model, config, inputShape } = await loadTrainedModel(flags.model);
  const probabilities = tf.tidy(() => {
    const xs = prepareImages(images, inputShape, config.normalization);
    return predictProbabilities(model, xs);
  });
  const rows = (await probabilities.array()) as number[][];
  probabilities.dispose();
  model.dispose();

  const results = files.map((file, i) => ({
    file,
    probabilities: Object.fromEntries(config.classNames.map((name, c) => [name, rows[i][c]])),
    top: config.classNames
      .map((name, c) => ({ class: name, probability: rows[i][c] }))
      .sort((a, b) => b.probability - a.probability)
      .slice(0, flags.topK),
  }));
  if (flags.json) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  for (const result of results) {
    const top = result.top.map((t) => `${t.class} ${(100 * t.probability).toFixed(1)}%`).join(', ');
    console.log(`${result.file}: ${top}`);
  }
}
