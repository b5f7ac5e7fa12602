import type * as tf from '@tensorflow/tfjs';
import { committedDir, writeDirAtomically } from './atomic.js';
import { modelFiles } from '../run/model-files.js';
import { MODEL_FILES } from '../run/run-files.js';
import { readModelArtifacts } from './model-files.js';

/**
 * Saves and loads a layers model in `dir` as model.json + weights.bin, without tfjs-node:
 * `model.save(fileSystemIO(dir))`, `tf.loadLayersModel(fileSystemIO(dir))`. Saving replaces
 * the directory atomically, so a crash leaves the previous model intact.
 */
export function fileSystemIO(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts) {
      const files = modelFiles(artifacts);
      await writeDirAtomically(dir, files);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: Buffer.byteLength(files[MODEL_FILES.topology]),
          weightDataBytes: files[MODEL_FILES.weights].byteLength,
        },
      };
    },
    async load() {
      const source = await committedDir(dir);
      if (!source) throw new Error(`no saved model at ${dir}: expected ${dir}/${MODEL_FILES.topology}`);
      return readModelArtifacts(source);
    },
  };
}
