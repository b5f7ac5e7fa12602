import { rgbToRgba } from '../logic/pixels.js';
import { topK } from '../logic/top-k.js';
import { make, percent } from './dom.js';

export interface GridImages {
  images: Uint8Array;
  labels: number[];
  size: number;
  classNames: string[];
}

/** Draws one uint8 NHWC image into a new canvas (no-op where canvas is unavailable, as in jsdom). */
export function imageCanvas(images: Uint8Array, index: number, size: number, alt: string): HTMLCanvasElement {
  const canvas = make('canvas');
  canvas.width = size;
  canvas.height = size;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', alt);
  canvas.getContext('2d')?.putImageData(new ImageData(rgbToRgba(images, index, size), size, size), 0, 0);
  return canvas;
}

/** A top-3 list; with a true label, the top class is marked correct (green) or wrong (red). */
export function topThreeList(probabilities: number[], classNames: string[], trueLabel?: number): HTMLOListElement {
  const list = make('ol');
  topK(probabilities, 3).forEach((ranked, rank) => {
    const item = make('li', `${classNames[ranked.index] ?? ranked.index} ${percent(ranked.probability)}`);
    if (rank === 0 && trueLabel !== undefined) {
      const correct = ranked.index === trueLabel;
      item.className = correct ? 'correct' : 'wrong';
      item.append(correct ? ' ✓' : ' ✗');
    }
    list.append(item);
  });
  return list;
}

/** The test grid: each image with its true class and top-3 predictions. */
export function renderPredictionGrid(container: HTMLElement, grid: GridImages, probabilities: number[][]): void {
  container.replaceChildren(
    ...probabilities.map((probs, i) => {
      const label = grid.classNames[grid.labels[i]] ?? String(grid.labels[i]);
      const item = make('li');
      const top = topK(probs, 1)[0];
      item.dataset.correct = String(top?.index === grid.labels[i]);
      const text = make('div');
      text.append(make('div', `true: ${label}`), topThreeList(probs, grid.classNames, grid.labels[i]));
      item.append(imageCanvas(grid.images, i, grid.size, `test image ${i + 1}, a ${label}`), text);
      return item;
    }),
  );
}
