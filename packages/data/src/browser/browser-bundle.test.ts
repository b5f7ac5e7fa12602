import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./index.ts', import.meta.url));

describe('the browser entry', () => {
  it('bundles for the browser without Node modules or tar', async () => {
    // platform 'browser' makes esbuild fail on any node: or builtin import it cannot resolve.
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      external: ['@tensorflow/tfjs'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(inputs.some((path) => path.endsWith('browser/load-web-dataset.ts'))).toBe(true);
    expect(inputs.filter((path) => path.includes('node_modules'))).toEqual([]);
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect(imports.filter((path) => builtins.has(path) || path.startsWith('node:'))).toEqual([]);
    expect(inputs.filter((path) => /[/\\]node[/\\]/.test(path))).toEqual([]);
  });
});
