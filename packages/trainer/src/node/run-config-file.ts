import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRunConfig, type RunConfig } from '../run/run-config.js';
import { RUN_FILES } from '../run/run-files.js';
import { writeFileAtomically } from './atomic.js';

export async function writeRunConfig(dir: string, config: RunConfig): Promise<void> {
  await writeFileAtomically(join(dir, RUN_FILES.config), `${JSON.stringify(config, null, 2)}\n`);
}

/** Reads and checks a run's config.json; errors name the file and the field. */
export async function readRunConfig(dir: string): Promise<RunConfig> {
  const path = join(dir, RUN_FILES.config);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    throw new Error(`${path}: cannot read the run's config (${reason}).`);
  }
  return parseRunConfig(text, path);
}
