import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { FileContents } from './atomic.js';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/** tfjs's layers format: model.json (topology + manifest) and one weights file. */
export function modelFiles(artifacts: tf.io.ModelArtifacts): Record<string, FileContents> {
  const { modelTopology } = artifacts;
  if (modelTopology == null || modelTopology instanceof ArrayBuffer) {
    throw new Error('fileSystemIO saves layers models with a JSON topology, not binary GraphDefs or bare weights');
  }
  const { format, generatedBy, convertedBy, trainingConfig, userDefinedMetadata } = artifacts;
  const modelJson: tf.io.ModelJSON = {
    modelTopology,
    format,
    generatedBy,
    convertedBy,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
    ...(trainingConfig == null ? {} : { trainingConfig }),
    ...(userDefinedMetadata == null ? {} : { userDefinedMetadata }),
  };
  const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  return { [MODEL_FILE]: JSON.stringify(modelJson), [WEIGHTS_FILE]: new Uint8Array(weights) };
}

/** Reads a directory written by `modelFiles` (or any tfjs layers model on disk). */
export async function readModelArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const path = join(dir, MODEL_FILE);
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

/** Captures what `model.save` would write, in memory. */
export async function captureArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('model.save produced no artifacts');
  return captured;
}

function insideDir(dir: string, file: string): string {
  const path = resolve(dir, file);
  if (relative(resolve(dir), path).startsWith('..')) throw new Error(`${join(dir, MODEL_FILE)}: weights path "${file}" points outside the model directory`);
  return path;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}
