import { setupNodeBackend, type NodeBackendChoice } from '@resnet/backend/node';

/** Starts the backend and says on stderr which one runs and why the faster ones were skipped. */
export async function setupBackend(choice: NodeBackendChoice, threads: number | undefined): Promise<void> {
  await setupNodeBackend(choice, {
    ...(threads === undefined ? {} : { threads }),
    // The optional packages (tfjs-node, tfjs-node-gpu, webgpu) are this app's dependencies: resolve them from here.
    importModule: (specifier) => import(specifier),
    log: (line) => console.error(line),
  });
}
