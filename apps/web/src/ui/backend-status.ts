import type { SkippedBackend } from '@resnet/backend';
import { make } from './dom.js';

export function renderBackendStatus(
  status: HTMLElement,
  skippedList: HTMLElement,
  backend: string,
  threads: number | undefined,
  skipped: SkippedBackend[],
  crossOriginIsolated: boolean,
): void {
  const onThreads = threads !== undefined && threads > 1 ? ` (${threads} threads)` : '';
  status.textContent = `Active backend: ${backend}${onThreads}.${crossOriginIsolated ? '' : ' (Page not cross-origin isolated: wasm runs without threads.)'}`;
  status.dataset.backend = backend;
  skippedList.replaceChildren(...skipped.map((s) => make('li', `Skipped ${s.name}: ${s.reason}`)));
}
