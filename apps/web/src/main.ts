import { App } from './app.js';

const worker = new Worker(new URL('./worker/training-worker.ts', import.meta.url), { type: 'module' });
new App(worker);
