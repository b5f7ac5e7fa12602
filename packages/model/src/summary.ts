import type * as tf from '@tensorflow/tfjs';
import { countParams } from './count-params.js';

const HEADER = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];

function formatCount(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatShape(shape: tf.Shape | tf.Shape[]): string {
  const one = (s: tf.Shape) => `(${s.map((d) => (d == null ? 'None' : String(d))).join(', ')})`;
  return Array.isArray(shape[0]) ? (shape as tf.Shape[]).map(one).join(', ') : one(shape as tf.Shape);
}

function row(layer: tf.layers.Layer): string[] {
  const inbound = layer.inboundNodes.flatMap((node) => node.inboundLayers.map((l) => l.name));
  return [
    // Keras shows the class's own name, without a registered package prefix (`resnet>`).
    `${layer.name} (${layer.getClassName().split('>').pop()})`,
    formatShape(layer.outputShape),
    formatCount(layer.countParams()),
    inbound.join(', '),
  ];
}

/** A Keras-style summary: one row per layer, then total, trainable and non-trainable counts. */
export function summary(model: tf.LayersModel): string {
  const rows = model.layers.map(row);
  const widths = HEADER.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const width = widths.reduce((sum, w) => sum + w, 2 * (widths.length - 1));
  const counts = countParams(model);
  return [
    `Model: "${model.name}"`,
    '_'.repeat(width),
    line(HEADER),
    '='.repeat(width),
    ...rows.map(line),
    '='.repeat(width),
    `Total params: ${formatCount(counts.total)}`,
    `Trainable params: ${formatCount(counts.trainable)}`,
    `Non-trainable params: ${formatCount(counts.nonTrainable)}`,
    '_'.repeat(width),
  ].join('\n');
}
