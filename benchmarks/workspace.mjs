// The benchmarks are not a workspace package: they load the built packages by path, and
// tfjs through @resnet/backend's own dependency, so every module shares one tfjs engine.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const fromBackend = createRequire(`${root}packages/backend/package.json`);

export const repoRoot = root;

export async function loadWorkspace() {
  const load = (path) => import(pathToFileURL(`${root}${path}`).href);
  const [tf, backendMain, backendNode, model, data, dataNode, trainer] = await Promise.all([
    import(pathToFileURL(fromBackend.resolve('@tensorflow/tfjs')).href),
    load('packages/backend/dist/index.js'),
    load('packages/backend/dist/node/index.js'),
    load('packages/model/dist/index.js'),
    load('packages/data/dist/index.js'),
    load('packages/data/dist/node/index.js'),
    load('packages/trainer/dist/index.js'),
  ]);
  // One namespace for both entries: the node one (setupNodeBackend) and the shared one (describeSelection).
  return { tf, backend: { ...backendMain, ...backendNode }, model, data, dataNode, trainer };
}
