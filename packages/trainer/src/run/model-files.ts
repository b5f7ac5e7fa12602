import * as tf from '@tensorflow/tfjs';
import { MODEL_FILES } from './run-files.js';

/**
 * tfjs's layers format as files: model.json (topology and weights manifest) and one
 * weights.bin, as `tf.loadLayersModel` reads them from a URL or a directory.
 */
export function modelFiles(artifacts: tf.io.ModelArtifacts): { [MODEL_FILES.topology]: string; [MODEL_FILES.weights]: Uint8Array } {
  const { modelTopology } = artifacts;
  if (modelTopology == null || modelTopology instanceof ArrayBuffer) {
    throw new Error('model files hold layers models with a JSON topology, not binary GraphDefs or bare weights');
  }
  const { format, generatedBy, convertedBy, trainingConfig, userDefinedMetadata } = artifacts;
  const modelJson: tf.io.ModelJSON = {
    modelTopology,
    format,
    generatedBy,
    convertedBy,
    weightsManifest: [{ paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
    ...(trainingConfig == null ? {} : { trainingConfig }),
    ...(userDefinedMetadata == null ? {} : { userDefinedMetadata }),
  };
  const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  return { [MODEL_FILES.topology]: JSON.stringify(modelJson), [MODEL_FILES.weights]: new Uint8Array(weights) };
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
