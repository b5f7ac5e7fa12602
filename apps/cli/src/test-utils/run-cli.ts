import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/resnet.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Sends `signal` to the process as soon as its stdout contains `text`. */
  interrupt?: { text: string; signal: NodeJS.Signals };
  /** Added to (or, when undefined, removed from) the environment the CLI gets. */
  env?: Record<string, string | undefined>;
}

/** Runs the built `resnet` bin as its own process, the way users run it. */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...options.env } });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.interrupt && !interrupted && stdout.includes(options.interrupt.text)) {
        interrupted = true;
        child.kill(options.interrupt.signal);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
