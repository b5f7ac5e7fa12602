import { copyFile, mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command.js';

const HERE = fileURLToPath(new URL('..', import.meta.url));
/** What a consumer writes: check.ts and its tsconfig.json. */
const FIXTURE = join(HERE, 'fixture');

/** The workspace packages this test depends on, which it packs: every @resnet one. */
export async function packedPackageNames(): Promise<string[]> {
  const { devDependencies } = JSON.parse(await readFile(join(HERE, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return Object.keys(devDependencies).filter((name) => name.startsWith('@resnet/'));
}

/** `pnpm pack` of a workspace package (workspace: ranges become versions) into `dir`; returns the tarball. */
async function pack(name: string, dir: string): Promise<string> {
  const packageDir = await realpath(join(HERE, 'node_modules', name));
  const { filename } = JSON.parse(await runCommand('pnpm', ['pack', '--json', '--pack-destination', dir], packageDir)) as { filename: string };
  return filename;
}

/**
 * A fresh npm project in `dir/project` (no workspace links, no pnpm) with the packed packages,
 * tfjs and Node's types from the registry, and the consumer's files.
 */
export async function createOutsideProject(dir: string): Promise<string> {
  const tarballs = join(dir, 'tarballs');
  const project = join(dir, 'project');
  await mkdir(tarballs);
  await mkdir(project);
  const dependencies: Record<string, string> = { '@tensorflow/tfjs': '4.22.0' };
  for (const name of await packedPackageNames()) dependencies[name] = `file:${await pack(name, tarballs)}`;
  const manifest = { name: 'outside-project', private: true, type: 'module', dependencies, devDependencies: { '@types/node': '20.19.43' } };
  await writeFile(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of ['check.ts', 'tsconfig.json']) await copyFile(join(FIXTURE, file), join(project, file));
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], project);
  return project;
}
