import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** Packages that only run in Node; importing one from the app is a bug, not a warning. */
const NODE_ONLY_PACKAGES = ['tar'];

const forbidden = new Set([...builtinModules, ...NODE_ONLY_PACKAGES]);

/** The bare package name of an import: `tar/lib/x` -> `tar`, `@a/b/c` -> `@a/b`. */
function packageName(source: string): string {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** True for `node:*`, Node builtins, Node-only packages and our packages' `./node` entries. */
export function isNodeOnlyImport(source: string): boolean {
  if (source.startsWith('node:') || forbidden.has(packageName(source))) return true;
  return /^@resnet\/[^/]+\/node(\/|$)/.test(source);
}

/** The `browser` field of the package.json nearest above `file`, if it is a map. */
function browserField(file: string): Record<string, unknown> {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { browser } = JSON.parse(readFileSync(manifest, 'utf8')) as { browser?: unknown };
    return typeof browser === 'object' && browser !== null ? (browser as Record<string, unknown>) : {};
  }
  return {};
}

/**
 * Fails the build when anything pulls a Node module into the browser bundle; Vite would
 * otherwise swap it for an empty shim and only warn. A dependency may still name a
 * builtin that its package.json `browser` field maps to `false` (tfjs, seedrandom):
 * that declares the import unused in browsers.
 */
export function forbidNodeModules(): Plugin {
  return {
    name: 'forbid-node-modules',
    enforce: 'pre',
    apply: 'build',
    resolveId(source, importer) {
      if (!isNodeOnlyImport(source)) return null;
      if (importer && browserField(importer)[source] === false) return null;
      this.error(`"${importer ?? 'entry'}" imports the Node-only module "${source}"; the web app may import browser entries only`);
    },
  };
}
