import { releaseNodeBackend } from '@resnet/backend/node';
import * as tf from '@tensorflow/tfjs';
import { CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { createProgram } from './program.js';

/** Exit code for usage errors (bad flags or values), as in most Unix tools. */
const USAGE_ERROR = 2;

/** Runs the CLI and returns the process exit code instead of exiting, so tests and bins share it. */
export async function main(argv: string[]): Promise<number> {
  // Silences tfjs's "install tfjs-node" banner: the CLI reports the backend choice itself.
  tf.enableProdMode();
  try {
    await createProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has printed the message (and the usage) already; help and version exit 0.
      return err.exitCode === 0 ? 0 : USAGE_ERROR;
    }
    console.error(`error: ${(err as Error).message}`);
    return err instanceof CliError ? err.exitCode : 1;
  } finally {
    releaseNodeBackend();
  }
}
