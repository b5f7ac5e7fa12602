import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SpecOutcome } from './spec-outcome.js';
import type { SuiteBackend, SuiteKernels } from './suite-backend.js';

const RUNNER = fileURLToPath(new URL('./run-tfjs-core-specs.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** Longer than any of our runs takes (SwiftShader included), short of vitest's own limits. */
const RUN_TIMEOUT_MS = 8 * 60_000;
/** What a failed run's error keeps of its output. */
const OUTPUT_TAIL_CHARS = 4_000;

/**
 * Runs tfjs-core spec files (paths under its dist/) in a child process (each run starts
 * tfjs afresh: kernel registrations are global) and returns every spec's outcome.
 */
export async function runSuite(backend: SuiteBackend, kernels: SuiteKernels, specFiles: readonly string[]): Promise<SpecOutcome[]> {
  const dir = await mkdtemp(join(tmpdir(), 'tfjs-core-suite-'));
  const out = join(dir, 'outcomes.json');
  try {
    const args = ['--import', TSX, RUNNER, '--backend', backend, '--kernels', kernels, '--out', out, ...specFiles];
    const { code, output } = await runNode(args);
    if (code !== 0) {
      throw new Error(`tfjs-core specs on ${backend} with ${kernels} kernels: the run exited with ${code}:\n${output.slice(-OUTPUT_TAIL_CHARS)}`);
    }
    return JSON.parse(await readFile(out, 'utf8')) as SpecOutcome[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runNode(args: string[]): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? signal ?? 'unknown', output }));
  });
}
