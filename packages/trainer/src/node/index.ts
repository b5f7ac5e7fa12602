export type { CheckpointOptions, LoadedCheckpoint, ModelLoader } from './checkpoint.js';
export { checkpointCallback, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
export { fileSystemIO } from './file-system-io.js';
export { metricsLogCallback } from './metrics-log.js';
export { plotCallback } from './plot-callback.js';
export { readRunConfig, writeRunConfig } from './run-config-file.js';
export { writeDirAtomically, writeFileAtomically } from './atomic.js';
