import { readFile } from 'node:fs/promises';
import { isPresetName, PRESET_NAMES, validateSpec, type NetworkSpec, type PresetName } from '@resnet/model';
import { InvalidArgumentError } from 'commander';

export const MODEL_OPTION_HELP = `a preset (${PRESET_NAMES.join(', ')}) or a network spec .json file`;

/** Commander argParser for `--model`: a preset name or the path of a NetworkSpec JSON file. */
export function parseModelOption(value: string): string {
  if (isPresetName(value) || value.endsWith('.json')) return value;
  throw new InvalidArgumentError(`expected ${MODEL_OPTION_HELP}, got "${value}".`);
}

/** Reads and validates a spec file; errors name the file and the offending field. */
export async function resolveModelOption(value: string): Promise<PresetName | NetworkSpec> {
  if (isPresetName(value)) return value;
  let text: string;
  try {
    text = await readFile(value, 'utf8');
  } catch (err) {
    throw new Error(`--model ${value}: cannot read the network spec: ${(err as Error).message}`);
  }
  let spec: NetworkSpec;
  try {
    spec = JSON.parse(text) as NetworkSpec;
  } catch (err) {
    throw new Error(`--model ${value}: not valid JSON: ${(err as Error).message}`);
  }
  try {
    validateSpec(spec);
  } catch (err) {
    throw new Error(`--model ${value}: ${(err as Error).message}`);
  }
  return spec;
}
