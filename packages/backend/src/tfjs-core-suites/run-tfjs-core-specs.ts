// Runs tfjs-core's spec files in jasmine on one backend, with our kernels or stock ones:
//   tsx src/tfjs-core-suites/run-tfjs-core-specs.ts --backend wasm|webgpu --kernels ours|stock
//       [--filter REGEX] [--out FILE.json] [SPEC_FILE...]
// SPEC_FILE: a path under tfjs-core's dist/ (ops/tile_test.js); by default, the files of every
// kernel in the backend's config list. Prints each failed spec and the counts; --out writes
// every spec's outcome as JSON. Exits 0 when the specs ran, whatever their outcomes.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { releaseNodeBackend } from '../node/setup-node-backend.js';
import { bundleSpecs } from './bundle-specs.js';
import { planSpecs } from './kernel-specs.js';
import { runSpecs } from './run-specs.js';
import type { SpecOutcome } from './spec-outcome.js';
import { ourKernels, startSuiteBackend, type SuiteBackend, type SuiteKernels, type TestEnv } from './suite-backend.js';
import { tfjsCoreDist } from './tfjs-core-dist.js';

const USAGE =
  'usage: run-tfjs-core-specs.ts --backend wasm|webgpu --kernels ours|stock [--filter REGEX] [--out FILE.json] [SPEC_FILE...]';

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine(): { backend: SuiteBackend; kernels: SuiteKernels; filter?: string; out?: string; specFiles: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      options: { backend: { type: 'string' }, kernels: { type: 'string' }, filter: { type: 'string' }, out: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    usageError((error as Error).message);
  }
  const { backend, kernels, filter, out } = parsed.values;
  if (backend !== 'wasm' && backend !== 'webgpu') usageError(`--backend: expected wasm or webgpu, got ${backend ?? 'nothing'}`);
  if (kernels !== 'ours' && kernels !== 'stock') usageError(`--kernels: expected ours or stock, got ${kernels ?? 'nothing'}`);
  const specFiles = parsed.positionals.length > 0 ? parsed.positionals : planSpecs(ourKernels(backend)).specFiles;
  const missing = specFiles.filter((file) => !existsSync(join(tfjsCoreDist(), file)));
  if (missing.length > 0) usageError(`no such tfjs-core spec file under ${tfjsCoreDist()}: ${missing.join(', ')}`);
  return { backend, kernels, filter, out, specFiles };
}

async function runBundled(specFiles: string[], testEnv: TestEnv, filter?: string): Promise<SpecOutcome[]> {
  const dir = await mkdtemp(join(tmpdir(), 'tfjs-core-specs-'));
  try {
    const bundle = join(dir, 'specs.cjs');
    await bundleSpecs(specFiles, bundle);
    const { defineSpecs } = createRequire(import.meta.url)(bundle) as { defineSpecs(env: TestEnv): void };
    return await runSpecs(() => defineSpecs(testEnv), filter);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const { backend, kernels, filter, out, specFiles } = parseCommandLine();
let outcomes: SpecOutcome[] = [];
if (specFiles.length > 0) {
  const testEnv = await startSuiteBackend(backend, kernels);
  outcomes = await runBundled(specFiles, testEnv, filter);
  releaseNodeBackend();
}
for (const { name, failure } of outcomes.filter((o) => o.status === 'failed')) console.log(`failed: ${name}\n  ${failure?.replaceAll('\n', '\n  ')}`);
const count = (status: SpecOutcome['status']) => outcomes.filter((o) => o.status === status).length;
console.log(
  `${backend}, ${kernels === 'ours' ? 'our' : 'stock'} kernels, ${specFiles.length} spec files: ${count('passed')} specs passed, ${count('failed')} failed` +
    (count('pending') > 0 ? `, ${count('pending')} pending` : ''),
);
if (out !== undefined) await writeFile(out, JSON.stringify(outcomes));
// Dawn and emscripten may hold handles open: the run is over.
process.exit(0);
