import { make, percent } from './dom.js';

function headerRow(cells: string[]): HTMLTableRowElement {
  const row = make('tr');
  row.append(...cells.map((text) => Object.assign(make('th', text), { scope: 'col' })));
  return row;
}

/** Keeps the caption (first child) and replaces the rows. */
function replaceRows(table: HTMLTableElement, rows: HTMLTableRowElement[]): void {
  const caption = table.caption;
  table.replaceChildren(...(caption ? [caption] : []), ...rows);
}

export function renderPerClassAccuracy(table: HTMLTableElement, classNames: string[], accuracy: number[]): void {
  const rows = classNames.map((name, i) => {
    const row = make('tr');
    row.append(Object.assign(make('th', name), { scope: 'row' }), make('td', percent(accuracy[i] ?? 0)));
    return row;
  });
  replaceRows(table, [headerRow(['class', 'accuracy']), ...rows]);
}

/** Rows are true classes, columns predicted ones; the diagonal (correct) is emphasised. */
export function renderConfusionMatrix(table: HTMLTableElement, classNames: string[], matrix: number[][]): void {
  const rows = matrix.map((counts, trueClass) => {
    const row = make('tr');
    row.append(Object.assign(make('th', classNames[trueClass]), { scope: 'row' }));
    counts.forEach((count, predicted) => row.append(make('td', String(count), predicted === trueClass ? 'correct' : undefined)));
    return row;
  });
  replaceRows(table, [headerRow(['true \\ predicted', ...classNames]), ...rows]);
}
