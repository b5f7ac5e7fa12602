import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { MODEL_FILES } from '../run/run-files.js';

/** Reads a directory written by `modelFiles` (or any tfjs layers model on disk). */
export async function readModelArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const path = join(dir, MODEL_FILES.topology);
  const modelJson = parseJson(await readFile(path, 'utf8'), path) as tf.io.ModelJSON;
  if (modelJson.modelTopology == null || !Array.isArray(modelJson.weightsManifest)) {
    throw new Error(`${path} is not a tfjs layers model: expected "modelTopology" and "weightsManifest"`);
  }
  return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const buffers = await Promise.all(manifest.flatMap((group) => group.paths).map((file) => readFile(insideDir(dir, file))));
    const joined = Buffer.concat(buffers);
    const data = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer;
    return [manifest.flatMap((group) => group.weights), data];
  });
}

function insideDir(dir: string, file: string): string {
  const path = resolve(dir, file);
  if (relative(resolve(dir), path).startsWith('..')) throw new Error(`${join(dir, MODEL_FILES.topology)}: weights path "${file}" points outside the model directory`);
  return path;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}
