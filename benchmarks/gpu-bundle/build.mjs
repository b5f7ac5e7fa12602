// Builds one folder that runs `pnpm bench` on a linux-x64 machine with a GPU, python3 and
// PyTorch but no network, npm or Node of its own: bench.mjs and its tfjs child bundled by
// esbuild with the workers they start, dawn.node, tfjs's wasm binaries, pytorch_bench.py, this
// machine's Vulkan loader, run.sh, and with --with-node this machine's node as node.xz.
//
//   pnpm bench:gpu-bundle --out /tmp/resnet-bench [--with-node]
//   node benchmarks/gpu-bundle/build.mjs --out /tmp/resnet-bench [--with-node]   (after pnpm build)
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, openSync, closeSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const { values: opts } = parseArgs({
  options: {
    out: { type: 'string' },
    'with-node': { type: 'boolean', default: false },
  },
});
if (opts.out === undefined) throw new Error('--out: expected the folder to build, e.g. --out /tmp/resnet-bench');
if (process.platform !== 'linux' || process.arch !== 'x64') {
  throw new Error(`the bundle holds this machine's linux-x64 binaries (dawn.node, the Vulkan loader, node): run it on linux-x64, not ${process.platform}-${process.arch}`);
}
const out = resolve(opts.out);
if (existsSync(out) && !existsSync(join(out, 'run.sh'))) {
  throw new Error(`--out: ${out} exists and is not a bundle built here (no run.sh): remove it or name another folder`);
}
for (const dist of ['backend/dist/node/index.js', 'model/dist/index.js', 'trainer/dist/index.js']) {
  if (!existsSync(join(root, 'packages', dist))) throw new Error(`packages/${dist} is missing: run pnpm build first`);
}

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
    // Started by file name beside the code that starts them (new URL('./x.mjs', import.meta.url)).
    'wasm-thread-worker': join(backendDir, 'dist/node/wasm-thread-worker.mjs'),
    'gemm-worker': join(backendDir, 'dist/node/gemm-worker.mjs'),
  },
  outdir: tmp,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Not minified (5 MiB, not 2.5): a stack trace on the GPU machine should name the code.
  legalComments: 'none',
  // @tensorflow/tfjs and webgpu are @resnet/backend's dependencies, as ../workspace.mjs finds them.
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

// tfjs's wasm glue reads its binaries beside the bundle (__dirname); webgpu's loader reads
// dist/<platform>-<arch>/dawn.node beside it.
for (const wasm of readdirSync(wasmDist).filter((f) => f.endsWith('.wasm'))) cpSync(join(wasmDist, wasm), join(tmp, wasm));
cpSync(join(webgpuDir, 'dist/linux-x64/dawn.node'), join(tmp, 'dist/linux-x64/dawn.node'));
cpSync(join(root, 'benchmarks/pytorch_bench.py'), join(tmp, 'pytorch_bench.py'));
cpSync(join(here, 'run.sh'), join(tmp, 'run.sh'));
chmodSync(join(tmp, 'run.sh'), 0o755);

// Dawn loads libvulkan.so.1; run.sh lends this copy where the system has no loader.
const loader = ['/usr/lib/x86_64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib']
  .map((dir) => join(dir, 'libvulkan.so.1'))
  .find((path) => existsSync(path));
if (loader === undefined) throw new Error('no Vulkan loader (libvulkan.so.1) on this machine to put in the bundle: apt-get install libvulkan1');
cpSync(realpathSync(loader), join(tmp, 'vulkan/libvulkan.so.1'));

if (opts['with-node']) {
  const fd = openSync(join(tmp, 'node.xz'), 'w');
  try {
    const xz = spawnSync('xz', ['-T0', '-9', '-c', process.execPath], { stdio: ['ignore', fd, 'inherit'] });
    if (xz.error || xz.status !== 0) throw new Error(`xz ${process.execPath} failed: ${xz.error?.message ?? `exit ${xz.status}`} (is xz-utils installed?)`);
  } finally {
    closeSync(fd);
  }
}

rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);

function sizeOf(path) {
  const stat = statSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((sum, f) => sum + sizeOf(join(path, f)), 0) : stat.size;
}
const mb = (bytes) => (bytes < 2 ** 20 ? `${(bytes / 2 ** 10).toFixed(0)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const node = existsSync(join(out, 'node.xz')) ? sizeOf(join(out, 'node.xz')) : 0;
const total = sizeOf(out);
console.log(`built ${out}: ${mb(total - node)} without node${node > 0 ? `, ${mb(node)} node.xz (node ${process.version}), ${mb(total)} in all` : ''}`);
for (const file of readdirSync(out).sort()) console.log(`  ${file}  ${mb(sizeOf(join(out, file)))}`);
console.log(`run: ${join(out, 'run.sh')} RESULTS_DIR [bench.mjs flags]`);
