import { buildModel, summary } from '@resnet/model';
import * as tf from '@tensorflow/tfjs';
import { Option, type Command } from 'commander';
import { MODEL_OPTION_HELP, parseModelOption, resolveModelOption } from '../options/model-option.js';

interface SummaryOptions {
  model: string;
}

export function registerSummaryCommand(program: Command): void {
  program
    .command('summary')
    .description('print the Keras-like summary of a network: layers, output shapes, parameter counts')
    .addOption(new Option('--model <name|file>', MODEL_OPTION_HELP).argParser(parseModelOption).default('simple'))
    .action(async (options: SummaryOptions) => {
      // Building a model needs no speed: the pure-JS backend is always there.
      await tf.setBackend('cpu');
      const model = buildModel(await resolveModelOption(options.model), { seed: 0 });
      console.log(summary(model));
      model.dispose();
    });
}
