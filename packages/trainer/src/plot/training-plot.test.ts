import { describe, expect, it } from 'vitest';
import type { EpochLog } from '../types.js';
import { renderTrainingPlot, trainingPlotSpec } from './training-plot.js';

const history: EpochLog[] = [
  { epoch: 0, loss: 2.1, accuracy: 0.31, val_loss: 1.9, val_accuracy: 0.36, lr: 0.1, seconds: 10, imagesPerSecond: 100 },
  { epoch: 1, loss: 1.4, accuracy: 0.52, val_loss: 1.5, val_accuracy: 0.47, lr: 0.05, seconds: 10, imagesPerSecond: 100 },
];

describe('training plot', () => {
  it('charts loss and accuracy per split and the learning rate, per epoch', () => {
    const values = (trainingPlotSpec(history, 'run') as { data: { values: { metric: string; split: string; epoch: number; value: number }[] } }).data.values;
    expect(values.filter((v) => v.metric === 'accuracy' && v.split === 'validation').map((v) => [v.epoch, v.value])).toEqual([[1, 0.36], [2, 0.47]]);
    expect(values.filter((v) => v.metric === 'learning rate').map((v) => v.value)).toEqual([0.1, 0.05]);
    expect(values).toHaveLength(10);
  });

  it('renders a standalone SVG with the three panels and both splits', async () => {
    const svg = await renderTrainingPlot(history, 'resnet20: runs/a');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['resnet20: runs/a', 'loss', 'accuracy', 'learning rate', 'validation', 'train', 'epoch']) expect(svg).toContain(`>${text}<`);
    // Train and validation lines for loss and for accuracy, one line for the learning rate.
    expect(svg.match(/class="mark-line/g)?.length).toBe(5);
  });
});
