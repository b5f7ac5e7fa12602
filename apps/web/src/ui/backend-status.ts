import type { SkippedBackend } from '@resnet/backend';
import { make } from './dom.js';

export function renderBackendStatus(
  status: HTMLElement,
  skippedList: HTMLElement,
  backend: string,
  skipped: SkippedBackend[],
  crossOriginIsolated: boolean,
): void {
  status.textContent = `Active backend: ${backend}.${crossOriginIsolated ? '' : ' (Page not cross-origin isolated: wasm runs without threads.)'}`;
  status.dataset.backend = backend;
  skippedList.replaceChildren(...skipped.map((s) => make('li', `Skipped ${s.name}: ${s.reason}`)));
}
