import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MODEL_FILES, RUN_FILES } from '@resnet/trainer';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * `--model DIR` may name a run directory (model/ and config.json), its model/ directory, or a
 * flat model directory (model.json, weights.bin and config.json side by side, as shipped in
 * models/); returns where the model and its config.json are.
 */
export async function locateRun(dir: string): Promise<{ configDir: string; modelDir: string }> {
  const nested = join(dir, RUN_FILES.model);
  if (await isFile(join(nested, MODEL_FILES.topology))) return { configDir: dir, modelDir: nested };
  if (await isFile(join(dir, MODEL_FILES.topology))) {
    return { configDir: (await isFile(join(dir, RUN_FILES.config))) ? dir : dirname(dir), modelDir: dir };
  }
  throw new Error(
    `--model ${dir}: no trained model here (expected ${join(nested, MODEL_FILES.topology)} or ${join(dir, MODEL_FILES.topology)}).`,
  );
}
