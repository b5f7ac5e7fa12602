import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbidNodeModules, isNodeOnlyImport } from './forbid-node-modules.js';

describe('isNodeOnlyImport', () => {
  it.each(['fs', 'node:fs', 'fs/promises', 'http', 'crypto', 'tar', 'tar/lib/extract.js', '@resnet/data/node'])('flags %s', (source) => {
    expect(isNodeOnlyImport(source)).toBe(true);
  });

  it.each(['@resnet/data', '@resnet/data/browser', '@tensorflow/tfjs', './node.js', 'chart.js', 'tarball-utils'])('allows %s', (source) => {
    expect(isNodeOnlyImport(source)).toBe(false);
  });
});

describe('forbidNodeModules in a real Vite build', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'forbid-node-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function bundle(code: string): Promise<void> {
    const entry = join(dir, 'entry.js');
    await writeFile(entry, code);
    await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [forbidNodeModules()],
      build: { write: false, rollupOptions: { input: entry } },
    });
  }

  it('fails when the app imports a Node builtin, naming the importer and the module', async () => {
    await expect(bundle("import { readFile } from 'node:fs/promises'; console.log(readFile);")).rejects.toThrow(
      /entry\.js" imports the Node-only module "node:fs\/promises"/,
    );
  });

  it("fails on a package's Node entry", async () => {
    await expect(bundle("import * as data from '@resnet/data/node'; console.log(data);")).rejects.toThrow('"@resnet/data/node"');
  });

  async function fakePackage(name: string, browser?: Record<string, false>): Promise<void> {
    const root = join(dir, 'node_modules', name);
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'package.json'), JSON.stringify({ name, type: 'module', main: 'index.js', browser }));
    await writeFile(join(root, 'index.js'), "import * as crypto from 'crypto'; export const random = () => crypto;");
  }

  it('allows a dependency to name a builtin its browser field maps to false', async () => {
    await fakePackage('declares-crypto-dead', { crypto: false });
    await expect(bundle("import { random } from 'declares-crypto-dead'; console.log(random);")).resolves.toBeUndefined();
  });

  it('fails on a dependency that needs a builtin in browsers', async () => {
    await fakePackage('needs-crypto');
    await expect(bundle("import { random } from 'needs-crypto'; console.log(random);")).rejects.toThrow('"crypto"');
  });

  it('builds browser code', async () => {
    await expect(bundle('console.log(globalThis.location?.href);')).resolves.toBeUndefined();
  });
});
