import { captureArtifacts, MODEL_FILES, modelFiles, RUN_FILES, type RunConfig } from '@resnet/trainer';
import type * as tf from '@tensorflow/tfjs';
import type { DownloadFile } from '../protocol.js';

const bytes = (data: Uint8Array): ArrayBuffer => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
const text = (value: string): ArrayBuffer => bytes(new TextEncoder().encode(value));

/**
 * The model as the CLI stores it: model.json, weights.bin and config.json side by side (the
 * flat layout `resnet eval --model DIR` reads), plus the training curves when there are some.
 */
export async function downloadFiles(model: tf.LayersModel, config: RunConfig, plotSvg?: string): Promise<DownloadFile[]> {
  const files = modelFiles(await captureArtifacts(model));
  return [
    { name: MODEL_FILES.topology, mimeType: 'application/json', data: text(files[MODEL_FILES.topology]) },
    { name: MODEL_FILES.weights, mimeType: 'application/octet-stream', data: bytes(files[MODEL_FILES.weights]) },
    { name: RUN_FILES.config, mimeType: 'application/json', data: text(`${JSON.stringify(config, null, 2)}\n`) },
    ...(plotSvg === undefined ? [] : [{ name: RUN_FILES.plot, mimeType: 'image/svg+xml', data: text(plotSvg) }]),
  ];
}

/** Sorts chosen files into the model's topology and its weight shards. */
export function sortModelFiles(files: File[]): { modelJson: File; weights: File[] } {
  const modelJson = files.find((file) => file.name.endsWith('.json'));
  const weights = files.filter((file) => file.name.endsWith('.bin'));
  const missing = [!modelJson && MODEL_FILES.topology, weights.length === 0 && 'a weights .bin file'].filter(Boolean);
  if (missing.length > 0 || !modelJson) {
    throw new Error(`choose model.json and its weights.bin together; missing: ${missing.join(', ')}`);
  }
  return { modelJson, weights };
}
