import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CIFAR10_CLASS_NAMES, imagesToTensor } from '@resnet/data';
import { loadModel, tinySpec } from '@resnet/model';
import { fileSystemIO } from '@resnet/trainer/node';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './test-utils/run-cli.js';
import { classColour, writeTinyArchive } from './test-utils/tiny-archive.js';

// The CLI spawned as a process on a tiny archive (5 x 20 training and 20 test images) and a
// tiny network (4 and 8 filters) on the wasm backend: seconds per command.
let dir: string;
let archive: string;
let spec: string;
const run1 = () => join(dir, 'run1');

function common(out: string): string[] {
  return ['--model', spec, '--data', archive, '--cache-dir', join(dir, 'cache'), '--out', out, '--backend', 'wasm', '--threads', '1'];
}

async function json<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

async function writeFlatPng(path: string, size: number, rgb: [number, number, number]): Promise<void> {
  const png = new PNG({ width: size, height: size });
  for (let p = 0; p < size * size; p++) png.data.set([...rgb, 255], p * 4);
  await writeFile(path, PNG.sync.write(png));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'resnet-cli-'));
  archive = await writeTinyArchive(dir, 20);
  spec = join(dir, 'tiny.json');
  await writeFile(spec, JSON.stringify(tinySpec({ inputShape: [32, 32, 3] })));
  const trained = await runCli(['train', ...common(run1()), '--epochs', '2', '--batch-size', '16', '--seed', '1']);
  expect(trained.stderr).toBe('backend: wasm (1 thread)\n');
  expect(trained.code).toBe(0);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resnet train (spawned)', () => {
  it('writes the model, checkpoints, metrics, config and report', async () => {
    const config = await json<{ normalization: string; epochs: number; classNames: string[] }>(join(run1(), 'config.json'));
    expect(config).toMatchObject({ normalization: 'scale', epochs: 2, classNames: CIFAR10_CLASS_NAMES });
    const metrics = (await readFile(join(run1(), 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(metrics.map((m) => m.epoch)).toEqual([0, 1]);
    expect(metrics[1].loss).toBeLessThan(metrics[0].loss);
    expect((await readFile(join(run1(), 'metrics.csv'), 'utf8')).trim().split('\n')).toHaveLength(3);
    await expect(json(join(run1(), 'checkpoints', 'last', 'state.json'))).resolves.toMatchObject({ epoch: 2 });
    await expect(json(join(run1(), 'model', 'model.json'))).resolves.toHaveProperty('modelTopology');

    const report = await json<{ accuracy: number; count: number; confusionMatrix: number[][]; perClass: Record<string, number> }>(
      join(run1(), 'report.json'),
    );
    expect(report.count).toBe(20);
    expect(report.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(20);
    const correct = report.confusionMatrix.reduce((sum, row, c) => sum + row[c], 0);
    expect(report.accuracy).toBeCloseTo(correct / 20);
    expect(Object.keys(report.perClass)).toEqual(CIFAR10_CLASS_NAMES);
  });

  it('refuses to overwrite a run directory', async () => {
    const again = await runCli(['train', ...common(run1()), '--epochs', '1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds a run; continue it with --resume');
  });

  // Ctrl-C stops cleanly at a batch boundary; kill -9 gives no chance at all: either way the
  // last complete checkpoint (epoch 1) survives, and resuming ends where an uninterrupted run does.
  it.each([
    { how: 'Ctrl-C', signal: 'SIGINT' as const, code: 130 },
    { how: 'kill -9', signal: 'SIGKILL' as const, code: null },
  ])('$how mid-epoch, then --resume, ends with the same weights as an uninterrupted run', async ({ signal, code }) => {
    const out = join(dir, `run-${signal}`);
    const args = ['train', ...common(out), '--epochs', '2', '--batch-size', '16', '--seed', '1'];
    const stopped = await runCli(args, { interrupt: { text: 'Epoch 2/2', signal } });
    expect(stopped.code).toBe(code);
    if (signal === 'SIGINT') expect(stopped.stderr).toContain(`continue with: resnet train --resume ${out}`);
    await expect(json(join(out, 'checkpoints', 'last', 'state.json'))).resolves.toMatchObject({ epoch: 1 });

    const resumed = await runCli(['train', '--resume', out, '--backend', 'wasm', '--threads', '1']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Epoch 2/2');
    expect(resumed.stdout).not.toContain('Epoch 1/2');

    const weights = async (run: string) => new Float32Array((await readFile(join(run, 'model', 'weights.bin'))).buffer.slice(0));
    const [expected, actual] = await Promise.all([weights(run1()), weights(out)]);
    expect(actual.length).toBe(expected.length);
    const maxDiff = actual.reduce((max, v, i) => Math.max(max, Math.abs(v - expected[i])), 0);
    expect(maxDiff).toBeLessThan(1e-5);
    const metrics = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n');
    expect(metrics).toHaveLength(2);
  });

  it('--resume --epochs extends a finished run', async () => {
    // A copy of the shared run, which other tests read as it is.
    const out = join(dir, 'run-extended');
    await cp(run1(), out, { recursive: true });
    const { code, stdout } = await runCli(['train', '--resume', out, '--epochs', '3', '--backend', 'wasm', '--threads', '1']);
    expect(code).toBe(0);
    expect(stdout).toContain('Epoch 3/3');
    expect(stdout).not.toContain('Epoch 2/3');
    await expect(json(join(out, 'config.json'))).resolves.toMatchObject({ epochs: 3 });
    await expect(json(join(out, 'checkpoints', 'last', 'state.json'))).resolves.toMatchObject({ epoch: 3 });
    expect((await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(3);
  });

  it('--resume refuses flags that would change the recipe (exit 2)', async () => {
    const { code, stderr } = await runCli(['train', '--resume', run1(), '--lr', '0.5']);
    expect(code).toBe(2);
    expect(stderr).toContain('--lr cannot change');
  });
});

describe('resnet eval (spawned)', () => {
  it('scores the test split exactly as the training report did', async () => {
    const { code, stdout } = await runCli(['eval', '--model', run1(), '--data', archive, '--cache-dir', join(dir, 'cache'), '--backend', 'wasm', '--threads', '1', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { accuracy: number; loss: number };
    const trained = await json<{ accuracy: number; loss: number }>(join(run1(), 'report.json'));
    expect(report.accuracy).toBe(trained.accuracy);
    expect(report.loss).toBeCloseTo(trained.loss, 5);
  });
});

describe('resnet predict (spawned)', () => {
  it('prints the same probabilities as the model on the normalized image', async () => {
    const colour = classColour(3);
    // 64x64: predict resizes it to the network's 32x32; a flat colour survives resizing exactly.
    const png = join(dir, 'cat.png');
    await writeFlatPng(png, 64, colour);
    const { code, stdout } = await runCli(['predict', '--model', run1(), '--backend', 'wasm', '--threads', '1', '--json', png]);
    expect(code).toBe(0);
    const [result] = JSON.parse(stdout) as { file: string; probabilities: Record<string, number>; top: { class: string }[] }[];
    expect(result.file).toBe(png);
    expect(Object.keys(result.probabilities)).toEqual(CIFAR10_CLASS_NAMES);
    expect(result.top).toHaveLength(3);

    const pixels = new Uint8Array(32 * 32 * 3);
    for (let p = 0; p < 32 * 32; p++) pixels.set(colour, p * 3);
    const model = await loadModel(fileSystemIO(join(run1(), 'model')));
    const xs = imagesToTensor(pixels, 1, { height: 32, width: 32, channels: 3 }, 'scale');
    const expected = (await (model.predict(xs) as tf.Tensor).data()) as Float32Array;
    CIFAR10_CLASS_NAMES.forEach((name, c) => expect(result.probabilities[name]).toBeCloseTo(expected[c], 5));
    xs.dispose();
    model.dispose();
  });

  it('prints the top-k classes per file', async () => {
    const png = join(dir, 'ship.png');
    await writeFlatPng(png, 32, classColour(8));
    const { code, stdout } = await runCli(['predict', '--model', run1(), '--backend', 'wasm', '--threads', '1', '--top-k', '2', png]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${png}: \\w+ \\d+\\.\\d%, \\w+ \\d+\\.\\d%\\n$`));
  });

  it('names a file that is not an image (exit 1)', async () => {
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'hello');
    const { code, stderr } = await runCli(['predict', '--model', run1(), text]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${text}: not a PNG or JPEG file`);
  });
});

describe('exit codes and help (spawned)', () => {
  it.each([
    [['train', '--epochs', '0'], "option '--epochs <n>' argument '0' is invalid"],
    [['train', '--optimizer', 'rmsprop'], "argument 'rmsprop' is invalid"],
    [['train', '--lr', 'fast'], 'expected a number > 0, got "fast"'],
    [['train', '--no-such-flag'], "unknown option '--no-such-flag'"],
    [['eval'], "required option '--model <dir>' not specified"],
    [['predict', '--model', 'x'], "missing required argument 'files'"],
    [['fly'], "unknown command 'fly'"],
  ])('%j: usage and exit 2', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: resnet');
  });

  it('a missing data source: the data package error and exit 1', async () => {
    const missing = join(dir, 'nowhere.tar.gz');
    const { code, stderr } = await runCli(['train', '--data', missing, '--backend', 'wasm', '--threads', '1', '--out', join(dir, 'run-missing')]);
    expect(code).toBe(1);
    expect(stderr).toContain(`error: ${missing}: not found`);
    // Before any backend started: a mistyped path fails at once.
    expect(stderr).not.toContain('backend:');
  });

  it('a named webgpu with no Vulkan driver: one line naming what is missing, and exit 1', async () => {
    const png = join(dir, 'no-gpu.png');
    await writeFlatPng(png, 32, classColour(1));
    const { code, stderr } = await runCli(['predict', '--model', run1(), '--backend', 'webgpu', png], {
      env: { VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: undefined },
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').filter((line) => line.startsWith('error:'))).toEqual([
      "error: backend 'webgpu' is unavailable: no Vulkan driver: VK_ICD_FILENAMES names /nonexistent/icd.json, which does not exist",
    ]);
  });

  it.each(['train', 'eval', 'predict', 'summary'])('%s --help exits 0', async (command) => {
    const { code, stdout } = await runCli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: resnet ${command}`);
  });
});
