// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { renderConfusionMatrix, renderPerClassAccuracy } from './class-metrics.js';
import { renderClassifications } from './classifications.js';
import { percent } from './dom.js';
import { renderPredictionGrid, topThreeList } from './prediction-grid.js';

const classNames = ['cat', 'dog', 'frog'];

describe('percent', () => {
  it('formats fractions and shows a dash for NaN', () => {
    expect([percent(0.1234), percent(1), percent(Number.NaN)]).toEqual(['12.3%', '100.0%', '–']);
  });
});

describe('topThreeList', () => {
  it('lists the three best classes and marks a correct top class', () => {
    const list = topThreeList([0.1, 0.7, 0.2], classNames, 1);
    expect([...list.children].map((li) => li.textContent)).toEqual(['dog 70.0% ✓', 'frog 20.0%', 'cat 10.0%']);
    expect(list.children[0].className).toBe('correct');
  });

  it('marks a wrong top class', () => {
    const list = topThreeList([0.1, 0.7, 0.2], classNames, 0);
    expect(list.children[0].className).toBe('wrong');
    expect(list.children[0].textContent).toContain('✗');
  });
});

describe('renderPredictionGrid', () => {
  let container: HTMLUListElement;
  beforeEach(() => {
    container = document.createElement('ul');
  });

  it('shows each image with its true class and top-3, flagged right or wrong', () => {
    const grid = { images: new Uint8Array(2 * 2 * 2 * 3), labels: [2, 0], size: 2, classNames };
    renderPredictionGrid(container, grid, [
      [0.1, 0.2, 0.7],
      [0.1, 0.8, 0.1],
    ]);
    const items = [...container.children] as HTMLElement[];
    expect(items.map((item) => item.dataset.correct)).toEqual(['true', 'false']);
    expect(items[0].textContent).toContain('true: frog');
    expect(items[1].querySelectorAll('ol > li')).toHaveLength(3);
    expect(items[1].querySelector('canvas')?.getAttribute('aria-label')).toBe('test image 2, a cat');
  });
});

describe('class metrics tables', () => {
  it('keeps the caption and writes one row per class', () => {
    const table = document.createElement('table');
    table.createCaption().textContent = 'Accuracy per class';
    renderPerClassAccuracy(table, classNames, [0.5, 1, Number.NaN]);
    expect(table.caption?.textContent).toBe('Accuracy per class');
    expect([...table.querySelectorAll('tr')].map((row) => row.textContent)).toEqual(['classaccuracy', 'cat50.0%', 'dog100.0%', 'frog–']);
  });

  it('draws the confusion matrix with the diagonal marked', () => {
    const table = document.createElement('table');
    renderConfusionMatrix(table, classNames, [
      [2, 0, 1],
      [0, 3, 0],
      [1, 0, 0],
    ]);
    const rows = [...table.querySelectorAll('tr')].slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent).join(' '))).toEqual(['2 0 1', '0 3 0', '1 0 0']);
    expect([...table.querySelectorAll('td.correct')].map((cell) => cell.textContent)).toEqual(['2', '3', '0']);
  });
});

describe('renderClassifications', () => {
  it('keeps the full probabilities for comparison and shows the top-3', () => {
    const list = document.createElement('ul');
    renderClassifications(list, [{ name: 'a.png', probabilities: [0.2, 0.3, 0.5], pixels: new Uint8Array(12) }], classNames, 2);
    const item = list.children[0] as HTMLElement;
    expect(item.dataset.name).toBe('a.png');
    expect(JSON.parse(item.dataset.probabilities ?? '')).toEqual([0.2, 0.3, 0.5]);
    expect(item.querySelector('ol > li')?.textContent).toBe('frog 50.0%');
  });
});
