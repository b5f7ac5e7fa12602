import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import type { EpochLog } from '../types.js';

type Row = { epoch: number; metric: string; split: string; value: number };

/** One row per (epoch, metric, split), the long form Vega-Lite facets and colours by. */
function rows(history: readonly EpochLog[]): Row[] {
  return history.flatMap((log) => {
    const epoch = log.epoch + 1;
    const points: Row[] = [
      { epoch, metric: 'loss', split: 'train', value: log.loss },
      { epoch, metric: 'accuracy', split: 'train', value: log.accuracy },
      { epoch, metric: 'learning rate', split: 'train', value: log.lr },
    ];
    if (log.val_loss !== undefined) points.push({ epoch, metric: 'loss', split: 'validation', value: log.val_loss });
    if (log.val_accuracy !== undefined) points.push({ epoch, metric: 'accuracy', split: 'validation', value: log.val_accuracy });
    return points;
  });
}

/** Loss, accuracy (train and validation) and learning rate per epoch, side by side. */
export function trainingPlotSpec(history: readonly EpochLog[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values: rows(history) },
    facet: { column: { field: 'metric', type: 'nominal', sort: ['loss', 'accuracy', 'learning rate'], title: null } },
    spec: {
      width: 220,
      height: 160,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 } },
        y: { field: 'value', type: 'quantitative', title: null },
        color: { field: 'split', type: 'nominal', title: null },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** The plot as a standalone SVG document, rendered by Vega without a browser or canvas. */
export async function renderTrainingPlot(history: readonly EpochLog[], title: string): Promise<string> {
  const view = new View(parse(compile(trainingPlotSpec(history, title)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
