import { describeSelection, type BackendSelection } from '@resnet/backend';
import { make } from './dom.js';

export function renderBackendStatus(status: HTMLElement, skippedList: HTMLElement, selection: BackendSelection, crossOriginIsolated: boolean): void {
  status.textContent = `Active backend: ${describeSelection(selection)}.${crossOriginIsolated ? '' : ' (Page not cross-origin isolated: wasm runs without threads.)'}`;
  status.dataset.backend = selection.backend;
  skippedList.replaceChildren(...selection.skipped.map((s) => make('li', `Skipped ${s.name}: ${s.reason}`)));
}
