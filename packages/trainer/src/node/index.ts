export type { CheckpointOptions, LoadedCheckpoint } from './checkpoint.js';
export { checkpointCallback, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
export { fileSystemIO } from './file-system-io.js';
export { metricsLogCallback } from './metrics-log.js';
export { writeDirAtomically, writeFileAtomically } from './atomic.js';
