import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const MODEL_DIR = 'model';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * `--model DIR` may name a run directory (holding model/ and config.json) or its model/
 * directory itself; returns both.
 */
export async function locateRun(dir: string): Promise<{ runDir: string; modelDir: string }> {
  if (await isFile(join(dir, MODEL_DIR, 'model.json'))) return { runDir: dir, modelDir: join(dir, MODEL_DIR) };
  if (await isFile(join(dir, 'model.json'))) return { runDir: dirname(dir), modelDir: dir };
  throw new Error(
    `--model ${dir}: no trained model here (expected ${join(dir, MODEL_DIR, 'model.json')} or ${join(dir, 'model.json')}).`,
  );
}
