import { describe, expect, it } from 'vitest';
import { formatReport, type RunReport } from './report.js';

function report(perClassAccuracy: number[], flipTta: RunReport['flipTta'] = null): RunReport {
  const classNames = ['cat', 'dog', 'bird'];
  return {
    loss: 0.5,
    accuracy: 0.75,
    perClassAccuracy,
    confusionMatrix: [],
    count: 4,
    classNames,
    perClass: Object.fromEntries(classNames.map((name, c) => [name, perClassAccuracy[c]!])),
    flipTta,
  };
}

describe('formatReport', () => {
  it('prints the accuracy, then one line per class', () => {
    const lines = formatReport(report([0.5, 1, 0.75])).split('\n');
    expect(lines).toEqual(['test accuracy: 75.00% on 4 images (loss 0.5000)', '  cat   50.0%', '  dog   100.0%', '  bird  75.0%']);
  });

  it('says a class had no test images instead of printing NaN', () => {
    const text = formatReport(report([0.5, 1, Number.NaN]));
    expect(text).not.toContain('NaN');
    expect(text.split('\n')[3]).toBe('  bird  -  (no test images)');
  });

  it('adds the flip-TTA accuracy when there is one', () => {
    const tta = { loss: 0.4, accuracy: 0.8125, perClassAccuracy: [1, 1, 1], confusionMatrix: [], count: 4 };
    expect(formatReport(report([0.5, 1, 0.75], tta)).split('\n')[0]).toBe('test accuracy: 75.00% on 4 images (loss 0.5000); with flip TTA 81.25%');
  });
});
