import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { tfjsCoreDist } from './tfjs-core-dist.js';

const require = createRequire(import.meta.url);

/**
 * Bundles tfjs-core spec files (paths under its dist/) into one CommonJS file at `outfile`
 * that exports `defineSpecs(testEnv)`. tfjs-core ships its specs as ES modules with
 * extensionless imports, for bundlers, which Node cannot load as they are. The bundle holds
 * its own copy of tfjs-core's modules; it shares the engine and the kernel and gradient
 * registries with @tensorflow/tfjs, which tfjs keeps on the global object.
 */
export async function bundleSpecs(specFiles: readonly string[], outfile: string): Promise<void> {
  const dist = tfjsCoreDist();
  const load = specFiles.map((file) => `  require(${JSON.stringify(join(dist, file))});`);
  // Required inside the function: the specs call describeWithFlags as they load, which needs the test env first.
  const contents = [
    `import { setTestEnvs } from ${JSON.stringify(join(dist, 'jasmine_util.js'))};`,
    'export function defineSpecs(testEnv) {',
    '  setTestEnvs([testEnv]);',
    ...load,
    '}',
  ].join('\n');
  await build({
    stdin: { contents, resolveDir: dist, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'error',
    // tfjs-core's package.json declares its spec files free of side effects; registering specs is theirs.
    ignoreAnnotations: true,
    // jasmine_util requires jasmine-core, which tfjs-core does not depend on: the runner's own.
    alias: { 'jasmine-core': dirname(createRequire(require.resolve('jasmine')).resolve('jasmine-core/package.json')) },
  });
}
