import type { PageRequest, WorkerEvent } from '../protocol.js';
import { WorkerSession } from './session.js';

/** The worker side of `postMessage`; the DOM lib types `self` as a window. */
const scope = self as unknown as {
  postMessage(event: WorkerEvent, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PageRequest>) => void): void;
};

const session = new WorkerSession((event, transfer = []) => scope.postMessage(event, transfer));
scope.addEventListener('message', (event) => void session.handle(event.data));
