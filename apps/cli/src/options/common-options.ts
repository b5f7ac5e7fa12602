import type { NodeBackendChoice } from '@resnet/backend/node';
import { Option } from 'commander';
import { parsePositiveInt } from './parse-number.js';

const BACKEND_CHOICES: readonly NodeBackendChoice[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'];

export function backendOption(): Option {
  return new Option('--backend <name>', 'compute backend; auto takes the fastest that starts (webgpu on a software adapter only when named)')
    .choices(BACKEND_CHOICES)
    .default('auto');
}

export function threadsOption(): Option {
  return new Option('--threads <n>', 'wasm threads (default: one per core, at most 8)').argParser(parsePositiveInt);
}

export function dataOption(): Option {
  return new Option(
    '--data <path|url>',
    'CIFAR-10 binary archive (.tar.gz), a directory of its .bin files, or a URL (default: the official download)',
  );
}

export function cacheDirOption(): Option {
  return new Option('--cache-dir <dir>', 'where downloads and extracted archives are kept');
}
