import { loadModel } from '@resnet/model';
import type { RunConfig } from '@resnet/trainer';
import { fileSystemIO, readRunConfig } from '@resnet/trainer/node';
import type * as tf from '@tensorflow/tfjs';
import { locateRun } from './locate-run.js';

export interface TrainedModel {
  model: tf.LayersModel;
  config: RunConfig;
  /** [height, width, channels] the network takes. */
  inputShape: [number, number, number];
}

/** A trained model and the config of its run, for `eval` and `predict`. */
export async function loadTrainedModel(dir: string): Promise<TrainedModel> {
  const { configDir, modelDir } = await locateRun(dir);
  const config = await readRunConfig(configDir);
  const model = await loadModel(fileSystemIO(modelDir));
  const [, height, width, channels] = model.inputs[0].shape;
  if (height == null || width == null || channels == null) {
    throw new Error(`${modelDir}: the model's input shape ${JSON.stringify(model.inputs[0].shape)} is not fixed.`);
  }
  return { model, config, inputShape: [height, width, channels] };
}
