import { setupNodeBackend, type NodeBackendChoice } from '@resnet/backend/node';

/** Starts the backend and says on stderr which one runs and why the faster ones were skipped. */
export async function setupBackend(choice: NodeBackendChoice, threads: number | undefined): Promise<void> {
  const selection = await setupNodeBackend(choice, {
    ...(threads === undefined ? {} : { threads }),
    // The native packages are optional dependencies of this app: resolve them from here.
    importModule: (specifier) => import(specifier),
  });
  for (const skipped of selection.skipped) console.error(`backend: skipped ${skipped.name}: ${skipped.reason}`);
  const detail = selection.threads === undefined ? '' : ` (${selection.threads} threads)`;
  console.error(`backend: ${selection.backend}${detail}`);
}
