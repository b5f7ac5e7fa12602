import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fit } from '../fit.js';
import { toyModel, toySource, weightValues } from '../test-utils/toy.js';
import type { FitOptions } from '../types.js';
import { fileSystemIO } from './file-system-io.js';
import { checkpointCallback, loadCheckpoint } from './checkpoint.js';
import { metricsLogCallback } from './metrics-log.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const scratchDirs: string[] = [];
const scratch = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'trainer-ckpt-'));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true }))));
const train = () => toySource({ count: 48, batchSize: 16, seed: 7 });
const validation = () => toySource({ count: 24, batchSize: 12, seed: 8 });

// Every piece of state resume must carry: Adam moments, the LR schedule's step, regularizers,
// label smoothing, BatchNorm statistics and the per-epoch data order.
const recipe = (): FitOptions => ({
  epochs: 4,
  optimizer: { name: 'adam', lr: 0.02 },
  schedule: { name: 'cosine', warmupEpochs: 1 },
  labelSmoothing: 0.1,
  validation: validation(),
  seed: 7,
});

function expectClose(actual: Float32Array[], expected: Float32Array[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((values, i) => values.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
}

describe('checkpoints', () => {
  it('an interrupted run resumed from its checkpoint ends with the uninterrupted run\'s weights', async () => {
    const straight = toyModel({ weightDecay: 1e-3 });
    const reference = await fit(straight, train(), recipe());

    const out = await scratch();
    const ckpt = join(out, 'checkpoints');
    const controller = new AbortController();
    const interrupted = toyModel({ weightDecay: 1e-3 });
    const first = await fit(interrupted, train(), {
      ...recipe(),
      signal: controller.signal,
      callbacks: [
        metricsLogCallback(out),
        checkpointCallback(ckpt),
        // Dies in the middle of epoch 3, like a kill: only epochs 1-2 are on disk.
        { onBatchEnd: (log) => (log.epoch === 2 && log.batch === 1 ? controller.abort() : undefined) },
      ],
    });
    expect(first.stopReason).toBe('aborted');
    interrupted.dispose();

    const resumed = await loadCheckpoint(ckpt, tf.loadLayersModel);
    expect(resumed?.state.epoch).toBe(2);
    expect(resumed?.state.step).toBe(6);
    expect(resumed?.state.seed).toBe(7);
    const second = await fit(resumed!.model, train(), { ...recipe(), state: resumed!.state, callbacks: [metricsLogCallback(out)] });

    expect(second.stopReason).toBe('completed');
    expectClose(weightValues(resumed!.model), weightValues(straight));
    expect(second.history.map((log) => log.epoch)).toEqual([0, 1, 2, 3]);
    second.history.forEach((log, i) => expect(log.val_loss).toBeCloseTo(reference.history[i].val_loss!, 5));
    const rows = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((row) => row.epoch)).toEqual([0, 1, 2, 3]);
    const csv = (await readFile(join(out, 'metrics.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds,imagesPerSecond');
    expect(csv).toHaveLength(5);
    expect(Number(csv[4].split(',')[3])).toBeCloseTo(rows[3].val_loss, 10);
    straight.dispose();
    resumed!.model.dispose();
  });

  it('keeps last/ and the best epoch in best/, each a loadable model', async () => {
    const dir = await scratch();
    const model = toyModel();
    const { history } = await fit(model, train(), { ...recipe(), epochs: 3, callbacks: [checkpointCallback(dir, { monitor: 'val_accuracy' })] });
    expect((await readdir(dir)).sort()).toEqual(['best', 'last']);
    expect((await readdir(join(dir, 'last'))).sort()).toEqual(['model.json', 'optimizer.bin', 'state.json', 'weights.bin']);
    const bestEpoch = history.reduce((best, log) => (log.val_accuracy! > history[best].val_accuracy! ? log.epoch : best), 0);
    const best = await loadCheckpoint(join(dir, 'best'), tf.loadLayersModel);
    expect(best?.state.epoch).toBe(bestEpoch + 1);
    const last = await tf.loadLayersModel(fileSystemIO(join(dir, 'last')));
    expectClose(weightValues(last), weightValues(model));
    model.dispose();
  });

  it('returns undefined where there is no checkpoint and names a broken state file', async () => {
    const dir = await scratch();
    expect(await loadCheckpoint(dir, tf.loadLayersModel)).toBeUndefined();
    const model = toyModel();
    await fit(model, train(), { epochs: 1, optimizer: { name: 'sgd', lr: 0.1, momentum: 0.9 }, callbacks: [checkpointCallback(dir)] });
    await writeFile(join(dir, 'last', 'state.json'), '{"format":"other"}');
    await expect(loadCheckpoint(dir, tf.loadLayersModel)).rejects.toThrow(/last\/state\.json is not a version 1 resnet-trainer-checkpoint/);
    model.dispose();
  });
});
