import * as tf from '@tensorflow/tfjs';
import type { DownloadFile } from '../protocol.js';
import type { ModelConfig } from './model-config.js';

const WEIGHTS_FILE = 'weights.bin';

/** The model as the CLI stores it: model.json, weights.bin and config.json (tfjs layers format). */
export async function modelFiles(model: tf.LayersModel, config: ModelConfig): Promise<DownloadFile[]> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightSpecs || !artifacts.weightData) throw new Error('the model produced no weights to save');
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs }],
  };
  const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;
  return [
    { name: 'model.json', mimeType: 'application/json', data: text(modelJson) },
    { name: WEIGHTS_FILE, mimeType: 'application/octet-stream', data: tf.io.CompositeArrayBuffer.join(artifacts.weightData) },
    { name: 'config.json', mimeType: 'application/json', data: text(config) },
  ];
}

/** Sorts chosen files into the model's topology and its weight shards. */
export function sortModelFiles(files: File[]): { modelJson: File; weights: File[] } {
  const modelJson = files.find((file) => file.name.endsWith('.json'));
  const weights = files.filter((file) => file.name.endsWith('.bin'));
  const missing = [!modelJson && 'model.json', weights.length === 0 && 'a weights .bin file'].filter(Boolean);
  if (missing.length > 0 || !modelJson) {
    throw new Error(`choose model.json and its weights.bin together; missing: ${missing.join(', ')}`);
  }
  return { modelJson, weights };
}
