import { Command } from 'commander';
import { registerEvalCommand } from './commands/eval.js';
import { registerPredictCommand } from './commands/predict.js';
import { registerSummaryCommand } from './commands/summary.js';
import { registerTrainCommand } from './commands/train.js';

/** The `resnet` command line; errors surface as CommanderError through exitOverride. */
export function createProgram(): Command {
  const program = new Command('resnet')
    .description('Train, evaluate and run ResNets on CIFAR-10 with TensorFlow.js')
    .exitOverride()
    .showHelpAfterError()
    .allowExcessArguments(false);
  registerTrainCommand(program);
  registerEvalCommand(program);
  registerPredictCommand(program);
  registerSummaryCommand(program);
  return program;
}
