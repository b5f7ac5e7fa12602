/** The files of a run directory, as the CLI writes them and the web app downloads them. */
export const RUN_FILES = {
  config: 'config.json',
  /** The final model, tfjs layers format. */
  model: 'model',
  checkpoints: 'checkpoints',
  report: 'report.json',
  metrics: 'metrics.jsonl',
  metricsCsv: 'metrics.csv',
  plot: 'plot.svg',
} as const;

/** A tfjs layers model on disk or in a download: topology and weights manifest, and one weights file. */
export const MODEL_FILES = { topology: 'model.json', weights: 'weights.bin' } as const;
