// Builds one folder that runs the GPU checks on a linux-x64 machine with a GPU, python3 and
// PyTorch but no network, npm or Node of its own: `pnpm bench` (bench.mjs and its tfjs child),
// the webgpu step profile and the `resnet` CLI, bundled by esbuild with the workers they start;
// the `webgpu` package (Dawn's dawn.node) where they import it, tfjs's wasm binaries,
// pytorch_bench.py, this machine's Vulkan loader and GLVND/X11 client libraries, env.sh, run.sh
// (the bench) and gpu-check.sh (all the checks); with --with-node this machine's node as
// node.xz; with --with-cifar ARCHIVE the first --train-batches training files and --test-images
// test images of CIFAR-10, xz-packed.
//
//   pnpm bench:gpu-bundle --out /tmp/resnet-gpu [--with-node] [--with-cifar ../shared/datasets/cifar-10/cifar-10-binary.tar.gz]
//   node benchmarks/gpu-bundle/build.mjs --out /tmp/resnet-gpu ...   (after pnpm build)
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, openSync, closeSync, readdirSync, realpathSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const { values: opts } = parseArgs({
  options: {
    out: { type: 'string' },
    'with-node': { type: 'boolean', default: false },
    'with-cifar': { type: 'string' },
    'train-batches': { type: 'string', default: '1' },
    'test-images': { type: 'string', default: '2000' },
  },
});
if (opts.out === undefined) throw new Error('--out: expected the folder to build, e.g. --out /tmp/resnet-gpu');
if (process.platform !== 'linux' || process.arch !== 'x64') {
  throw new Error(`the bundle holds this machine's linux-x64 binaries (dawn.node, the Vulkan loader, node): run it on linux-x64, not ${process.platform}-${process.arch}`);
}
const out = resolve(opts.out);
if (existsSync(out) && !existsSync(join(out, 'run.sh'))) {
  throw new Error(`--out: ${out} exists and is not a bundle built here (no run.sh): remove it or name another folder`);
}
const trainBatches = Number(opts['train-batches']);
if (!(Number.isInteger(trainBatches) && trainBatches >= 1 && trainBatches <= 5)) {
  throw new Error(`--train-batches: expected 1 to 5 (data_batch_1.bin ...), got '${opts['train-batches']}'`);
}
const testImages = Number(opts['test-images']);
if (!(Number.isInteger(testImages) && testImages >= 1 && testImages <= 10000)) {
  throw new Error(`--test-images: expected 1 to 10000, got '${opts['test-images']}'`);
}
if (opts['with-cifar'] !== undefined && !existsSync(opts['with-cifar'])) {
  throw new Error(`--with-cifar: ${opts['with-cifar']} does not exist: expected CIFAR-10's binary archive (cifar-10-binary.tar.gz)`);
}
for (const dist of ['packages/backend/dist/node/index.js', 'packages/data/dist/index.js', 'packages/model/dist/index.js', 'packages/trainer/dist/index.js', 'apps/cli/dist/main.js']) {
  if (!existsSync(join(root, dist))) throw new Error(`${dist} is missing: run pnpm build first`);
}
const cifar = await import(pathToFileURL(join(root, 'packages/data/dist/index.js')).href);

const backendDir = join(root, 'packages/backend');
const fromBackend = createRequire(join(backendDir, 'package.json'));
const wasmDist = join(dirname(fromBackend.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const webgpuDir = dirname(fromBackend.resolve('webgpu/package.json'));

// Built beside the target and renamed at the end, so a failed build leaves no half folder.
const tmp = `${out}.tmp`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

/** The children load the packages through ../workspace.mjs by path at run time; the bundle, statically. */
const bundledWorkspace = {
  name: 'bundled-workspace',
  setup(b) {
    b.onResolve({ filter: /^\.\/workspace\.mjs$/ }, (args) =>
      args.importer === join(root, 'benchmarks/tfjs-bench.mjs') ? { path: join(here, 'workspace.mjs') } : undefined,
    );
  },
};

await build({
  entryPoints: {
    bench: join(root, 'benchmarks/bench.mjs'),
    'tfjs-bench': join(root, 'benchmarks/tfjs-bench.mjs'),
    'webgpu-step-profile': join(backendDir, 'scripts/webgpu-step-profile.mjs'),
    resnet: join(root, 'apps/cli/bin/resnet.js'),
    // Started by file name beside the code that starts them (new URL('./x.mjs', import.meta.url)).
    'wasm-thread-worker': join(backendDir, 'dist/node/wasm-thread-worker.mjs'),
    'gemm-worker': join(backendDir, 'dist/node/gemm-worker.mjs'),
  },
  outdir: tmp,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The entries share one copy of tfjs and the packages in chunks beside them.
  splitting: true,
  target: 'node20',
  // Not minified: a stack trace on the GPU machine should name the code.
  legalComments: 'none',
  // @tensorflow/tfjs is @resnet/backend's dependency, as ../workspace.mjs finds it.
  nodePaths: [join(backendDir, 'node_modules')],
  // The CommonJS inside (tfjs's wasm glue, webgpu's loader) reads these, which ES modules lack.
  banner: {
    js: [
      "import { createRequire as __bundleRequire } from 'node:module';",
      "import { fileURLToPath as __bundlePath } from 'node:url';",
      'const require = __bundleRequire(import.meta.url);',
      'const __filename = __bundlePath(import.meta.url);',
      "const __dirname = __bundlePath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
  plugins: [bundledWorkspace],
  logLevel: 'warning',
});

// tfjs's wasm glue reads its binaries beside the bundle (__dirname). @resnet/backend imports the
// optional `webgpu` package by name at run time, so it stays a package, found in node_modules/
// beside the bundle: its loader and linux-x64's dawn.node.
for (const wasm of readdirSync(wasmDist).filter((f) => f.endsWith('.wasm'))) cpSync(join(wasmDist, wasm), join(tmp, wasm));
for (const file of ['package.json', 'index.js', 'dist/linux-x64/dawn.node']) cpSync(join(webgpuDir, file), join(tmp, 'node_modules/webgpu', file));
cpSync(join(root, 'benchmarks/pytorch_bench.py'), join(tmp, 'pytorch_bench.py'));
cpSync(join(here, 'env.sh'), join(tmp, 'env.sh'));
for (const script of ['run.sh', 'gpu-check.sh']) {
  cpSync(join(here, script), join(tmp, script));
  chmodSync(join(tmp, script), 0o755);
}

// Dawn loads libvulkan.so.1, and NVIDIA's Vulkan driver (libGLX_nvidia.so.0) the GLVND and X11
// client libraries; a GPU machine's image may lack them (this workplace's does: its device notes
// unpack Debian's libvulkan1 and GLVND packages). env.sh lends the copies of those it lacks.
const LENT_LIBS = [
  'libvulkan.so.1',
  'libGLdispatch.so.0', 'libGLX.so.0', 'libGL.so.1', 'libEGL.so.1', 'libOpenGL.so.0',
  'libX11.so.6', 'libXext.so.6', 'libxcb.so.1', 'libXau.so.6', 'libXdmcp.so.6', 'libbsd.so.0', 'libmd.so.0',
];
const libDirs = ['/usr/lib/x86_64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib'];
for (const lib of LENT_LIBS) {
  const path = libDirs.map((dir) => join(dir, lib)).find((candidate) => existsSync(candidate));
  if (path === undefined) {
    throw new Error(`no ${lib} on this machine to put in the bundle: apt-get install libvulkan1 libglvnd0 libgl1 libegl1 libglx0 libopengl0 libx11-6 libxext6`);
  }
  cpSync(realpathSync(path), join(tmp, 'libs', lib));
}

if (opts['with-node']) xz(process.execPath, join(tmp, 'node.xz'));

if (opts['with-cifar'] !== undefined) packCifar(resolve(opts['with-cifar']), join(tmp, 'cifar'));

rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);

/** xz -9 of a file, with --delta first when `delta`; throws with xz's words on failure. */
function xz(from, to, { delta = false } = {}) {
  const fd = openSync(to, 'w');
  try {
    const filters = delta ? ['--delta=dist=1', '--lzma2=preset=9'] : ['-9'];
    const run = spawnSync('xz', ['-T0', ...filters, '-c', from], { stdio: ['ignore', fd, 'inherit'] });
    if (run.error || run.status !== 0) throw new Error(`xz ${from} failed: ${run.error?.message ?? `exit ${run.status}`} (is xz-utils installed?)`);
  } finally {
    closeSync(fd);
  }
}

/**
 * data_batch_1..--train-batches and the first --test-images of test_batch.bin from CIFAR-10's
 * binary archive, each xz-packed after a byte-delta filter (neighbouring pixels differ little:
 * 15 MB a training file instead of 23.6 with plain xz, 30.7 unpacked), with batches.meta.txt.
 */
function packCifar(archive, dir) {
  const extracted = `${dir}.extract`;
  mkdirSync(extracted, { recursive: true });
  const trainFiles = cifar.CIFAR_TRAIN_FILES.slice(0, trainBatches);
  const members = [...trainFiles, cifar.CIFAR_TEST_FILE, cifar.CIFAR_META_FILE].map((f) => `${cifar.CIFAR_ARCHIVE_DIR}/${f}`);
  const untar = spawnSync('tar', ['-xzf', archive, '-C', extracted, ...members], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (untar.error || untar.status !== 0) throw new Error(`--with-cifar: could not extract ${members.join(', ')} from ${archive}: ${untar.error?.message ?? `tar exit ${untar.status}`}`);
  const files = join(extracted, cifar.CIFAR_ARCHIVE_DIR);
  const testFile = join(files, cifar.CIFAR_TEST_FILE);
  const testBytes = testImages * cifar.CIFAR_RECORD_BYTES;
  if (statSync(testFile).size < testBytes) throw new Error(`--test-images: ${archive}'s ${cifar.CIFAR_TEST_FILE} holds fewer than ${testImages} images`);
  truncateSync(testFile, testBytes);
  mkdirSync(dir);
  for (const file of [...trainFiles, cifar.CIFAR_TEST_FILE]) xz(join(files, file), join(dir, `${file}.xz`), { delta: true });
  cpSync(join(files, cifar.CIFAR_META_FILE), join(dir, cifar.CIFAR_META_FILE));
  rmSync(extracted, { recursive: true });
}

function sizeOf(path) {
  const stat = statSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((sum, f) => sum + sizeOf(join(path, f)), 0) : stat.size;
}
const mb = (bytes) => (bytes < 2 ** 20 ? `${(bytes / 2 ** 10).toFixed(0)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const node = existsSync(join(out, 'node.xz')) ? sizeOf(join(out, 'node.xz')) : 0;
const total = sizeOf(out);
console.log(`built ${out}: ${mb(total - node)} without node${node > 0 ? `, ${mb(node)} node.xz (node ${process.version}), ${mb(total)} in all` : ''}`);
for (const file of readdirSync(out).sort()) console.log(`  ${file}  ${mb(sizeOf(join(out, file)))}`);
console.log(`run: ${join(out, 'gpu-check.sh')} RESULTS_DIR (all the checks), or ${join(out, 'run.sh')} RESULTS_DIR [bench.mjs flags]`);
