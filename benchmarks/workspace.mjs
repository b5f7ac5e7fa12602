// The benchmarks are not a workspace package: they load the built packages by path, and
// tfjs through @resnet/backend's own dependency, so every module shares one tfjs engine.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const fromBackend = createRequire(`${root}packages/backend/package.json`);

export const repoRoot = root;

export async function loadWorkspace() {
  const load = (path) => import(pathToFileURL(`${root}${path}`).href);
  const [tf, backend, model, data, dataNode, trainer] = await Promise.all([
    import(pathToFileURL(fromBackend.resolve('@tensorflow/tfjs')).href),
    load('packages/backend/dist/node/index.js'),
    load('packages/model/dist/index.js'),
    load('packages/data/dist/index.js'),
    load('packages/data/dist/node/index.js'),
    load('packages/trainer/dist/index.js'),
  ]);
  return { tf, backend, model, data, dataNode, trainer };
}

/** Peak resident set of this process, all threads, in MiB. */
export function peakRssMb() {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Children report to the parent through lines `BENCH {json}` on stdout. */
export function report(event) {
  process.stdout.write(`BENCH ${JSON.stringify(event)}\n`);
}
