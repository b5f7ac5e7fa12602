import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.js';
import { summary } from './summary.js';
import { tinySpec } from './tiny-spec.js';

describe('summary', () => {
  it('prints a Keras-like table and the totals of the seed network', () => {
    const model = buildModel('simple');
    const lines = summary(model).split('\n');
    expect(lines[0]).toBe('Model: "simple"');
    expect(lines[2]).toMatch(/^Layer \(type\)\s+Output Shape\s+Param #\s+Connected to$/);
    expect(lines.slice(-4, -1)).toEqual([
      'Total params: 679,562',
      'Trainable params: 677,642',
      'Non-trainable params: 1,920',
    ]);
    expect(lines.find((l) => l.startsWith('stem_conv (Conv2D)'))).toMatch(/\(None, 32, 32, 64\)\s+1,792\s+input$/);
    expect(lines.find((l) => l.startsWith('stage2_block1_add (Add)'))).toMatch(
      /\(None, 16, 16, 128\)\s+0\s+stage2_block1_bn2, stage2_block1_shortcut_bn$/,
    );
    expect(lines.find((l) => l.startsWith('classifier (Dense)'))).toMatch(/\(None, 10\)\s+1,290\s+pool$/);
    model.dispose();
  });

  it('has one aligned row per layer', () => {
    const model = buildModel(tinySpec());
    const lines = summary(model).split('\n');
    const rows = lines.slice(4, 4 + model.layers.length);
    expect(rows.map((r) => r.split(' ')[0])).toEqual(model.layers.map((l) => l.name));
    const shapeColumn = lines[2].indexOf('Output Shape');
    for (const row of rows) expect(row[shapeColumn - 1]).toBe(' ');
    expect(rows.every((r) => r.length <= lines[1].length)).toBe(true);
    expect(lines[4 + model.layers.length]).toMatch(/^=+$/);
    expect(rows.find((r) => r.startsWith('stage2_block1_shortcut_pad (ZeroPadShortcut)'))).toMatch(/\(None, 4, 4, 8\)\s+0\s/);
    model.dispose();
  });
});
