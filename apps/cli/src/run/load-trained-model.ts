import { loadModel } from '@resnet/model';
import { fileSystemIO } from '@resnet/trainer/node';
import type * as tf from '@tensorflow/tfjs';
import { locateRun } from './locate-run.js';
import { readRunConfig, type RunConfig } from './run-config.js';

export interface TrainedModel {
  model: tf.LayersModel;
  config: RunConfig;
  /** [height, width, channels] the network takes. */
  inputShape: [number, number, number];
}

/** A trained model and the config of its run, for `eval` and `predict`. */
export async function loadTrainedModel(dir: string): Promise<TrainedModel> {
  const { runDir, modelDir } = await locateRun(dir);
  const config = await readRunConfig(runDir);
  const model = await loadModel(fileSystemIO(modelDir));
  const [, height, width, channels] = model.inputs[0].shape;
  if (height == null || width == null || channels == null) {
    throw new Error(`${modelDir}: the model's input shape ${JSON.stringify(model.inputs[0].shape)} is not fixed.`);
  }
  return { model, config, inputShape: [height, width, channels] };
}
