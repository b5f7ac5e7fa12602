import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutsideProject, packedPackageNames } from './outside-project.js';
import { runCommand } from './run-command.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// The packages as npm users get them: `pnpm pack`ed, installed by npm into a fresh project
// outside the workspace. A wrong `files`, `exports` or dependency list fails here.
describe('the packed @resnet packages in a project outside the workspace', () => {
  let dir: string;
  let project: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'resnet-outside-'));
    project = await createOutsideProject(dir);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('installs each @resnet package once, from its tarball, nowhere near the workspace', async () => {
    expect(relative(REPO, project).startsWith('..')).toBe(true);
    const lock = JSON.parse(await readFile(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string }> };
    const installed = Object.entries(lock.packages).filter(([path]) => path.includes('@resnet/'));
    expect(installed.map(([path]) => path).sort()).toEqual((await packedPackageNames()).map((name) => `node_modules/${name}`).sort());
    for (const [, entry] of installed) expect(entry.resolved).toMatch(/^file:.*\.tgz$/);
  });

  it('type-checks a strict TypeScript consumer against the packed declarations', async () => {
    // With skipLibCheck off, so a declaration that names a type from a package the consumer
    // does not get fails too; tfjs's own declarations do not pass strict checks, ours must.
    const output = await runCommand(process.execPath, [TSC, '-p', 'tsconfig.json', '--noEmit'], project).catch((error: Error) => error.message);
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line) && !line.startsWith('node_modules/@tensorflow/'));
    expect(errors).toEqual([]);
  });

  it('runs it as plain ESM: builds resnet20, trains one step on tiny CIFAR-10 files, saves and loads the model', async () => {
    const source = await readFile(join(project, 'check.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    await writeFile(join(project, 'check.mjs'), outputText);
    const report = JSON.parse(await runCommand(process.execPath, ['check.mjs'], project)) as Record<string, unknown>;
    expect(report).toEqual({ backend: 'wasm', threads: 2, steps: 1, loss: expect.any(Number), trainable: 269_722, sameOutputs: true });
    expect(Number.isFinite(report.loss)).toBe(true);
  });
});
