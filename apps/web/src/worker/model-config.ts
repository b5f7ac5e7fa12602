import type { Normalization } from '@resnet/data';

/**
 * A run's `config.json` (the CLI's `RunConfig`): the app reads how inputs are normalized and
 * the class names, and keeps the other fields so a saved model carries them on.
 */
export interface ModelConfig {
  normalization: Normalization;
  classNames?: string[];
  [field: string]: unknown;
}

const NORMALIZATIONS: readonly string[] = ['scale', 'standardize'];

/** Reads `config.json`; `source` names the file in errors. */
export function parseModelConfig(text: string, source: string): ModelConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const config = json as Partial<ModelConfig> | null;
  if (typeof config !== 'object' || config === null) throw new Error(`${source}: expected a JSON object`);
  if (!NORMALIZATIONS.includes(config.normalization as string)) {
    throw new Error(`${source}: "normalization" must be "scale" or "standardize", got ${JSON.stringify(config.normalization)}`);
  }
  const { classNames } = config;
  if (classNames !== undefined && !(Array.isArray(classNames) && classNames.every((name) => typeof name === 'string'))) {
    throw new Error(`${source}: "classNames" must be an array of strings`);
  }
  return config as ModelConfig;
}
