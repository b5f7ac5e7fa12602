import { make } from './dom.js';
import { imageCanvas, topThreeList } from './prediction-grid.js';

/**
 * Lists classified uploads with their top-3 classes. The full probabilities sit in
 * `data-probabilities` so a test can compare them with another runtime's.
 */
export function renderClassifications(
  list: HTMLElement,
  results: { name: string; probabilities: number[]; pixels: Uint8Array }[],
  classNames: string[],
  size: number,
): void {
  list.replaceChildren(
    ...results.map((result) => {
      const item = make('li');
      item.dataset.name = result.name;
      item.dataset.probabilities = JSON.stringify(result.probabilities);
      const text = make('div');
      text.append(make('div', result.name), topThreeList(result.probabilities, classNames));
      item.append(imageCanvas(result.pixels, 0, size, `uploaded image ${result.name}, as the model sees it`), text);
      return item;
    }),
  );
}
