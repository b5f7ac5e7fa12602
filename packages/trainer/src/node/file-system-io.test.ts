import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toyModel, toySource } from '../test-utils/toy.js';
import { fileSystemIO } from './file-system-io.js';

const scratchDirs: string[] = [];
const scratch = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'trainer-io-'));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

function predict(model: tf.LayersModel): number[] {
  const [batch] = toySource({ count: 4, batchSize: 4, seed: 5 }).batches(0);
  return Array.from((model.predict(batch.xs) as tf.Tensor).dataSync());
}

describe('fileSystemIO', () => {
  it('writes the tfjs layers format: model.json with a manifest, and weights.bin', async () => {
    const dir = join(await scratch(), 'model');
    const model = toyModel({ weightDecay: 1e-4 });
    const result = await model.save(fileSystemIO(dir));
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const bytes = json.weightsManifest[0].weights.reduce((sum: number, w: { shape: number[] }) => sum + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
    expect((await readFile(join(dir, 'weights.bin'))).byteLength).toBe(bytes);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe(bytes);
  });

  it('loads back through tf.loadLayersModel with the same predictions and regularizers', async () => {
    const dir = join(await scratch(), 'model');
    const model = toyModel({ weightDecay: 1e-4 });
    await model.save(fileSystemIO(dir));
    const loaded = await tf.loadLayersModel(fileSystemIO(dir));
    expect(predict(loaded)).toEqual(predict(model));
    expect(loaded.calculateLosses()).toHaveLength(2);
  });

  it('is loadable over HTTP by tfjs\'s browser loader (tf.loadLayersModel(url))', async () => {
    const dir = join(await scratch(), 'model');
    const model = toyModel();
    await model.save(fileSystemIO(dir));
    const server = createServer((request, response) => {
      readFile(join(dir, (request.url ?? '/').slice(1))).then(
        (body) => response.end(body),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const loaded = await tf.loadLayersModel(`http://127.0.0.1:${port}/model.json`);
      expect(predict(loaded)).toEqual(predict(model));
    } finally {
      server.close();
    }
  });

  it('names the directory when there is no model to load', async () => {
    const dir = join(await scratch(), 'missing');
    await expect(tf.loadLayersModel(fileSystemIO(dir))).rejects.toThrow(`no saved model at ${dir}`);
  });
});
