import { tmpdir } from 'node:os';
import { BackendUnavailableError } from '../backend-unavailable-error.js';
import type { ImportModule } from './native-backend.js';

/** The `webgpu` package: Dawn's Node binding, prebuilt inside the package. */
interface DawnModule {
  create(flags: string[]): GPU;
  globals: object;
}

let gpu: GPU | undefined;

/**
 * Dawn's GPU object from the optional `webgpu` package, with the WebGPU constants
 * (GPUBufferUsage, ...) installed as globals, as browsers have them.
 */
export async function dawnGpu(importModule: ImportModule): Promise<GPU> {
  if (gpu !== undefined) return gpu;
  let dawn: DawnModule;
  try {
    dawn = (await importModule('webgpu')) as DawnModule;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes("'webgpu'")) {
      throw new BackendUnavailableError("not installed (the optional package 'webgpu' brings Dawn's prebuilt dawn.node)");
    }
    throw new BackendUnavailableError(`dawn.node failed to load: ${message.split('\n')[0]}`);
  }
  // Dawn's Vulkan backend looks for a display server's runtime directory, which compute never
  // needs, and prints an error on every start without one.
  process.env.XDG_RUNTIME_DIR ??= tmpdir();
  Object.assign(globalThis, dawn.globals);
  // Dawn rounds timestamps down to 65,536 ns against timing attacks by web pages; a Node process
  // profiles its own kernels, which take microseconds on a GPU, so tf.profile needs them whole.
  gpu = dawn.create(['disable-dawn-features=timestamp_quantization']);
  return gpu;
}

/** tfjs's webgpu backend reads navigator.gpu, which Node lacks: lent while it runs. */
export function lendNavigatorGpu(value: GPU): void {
  const scope = globalThis as { navigator?: { gpu?: GPU } };
  if (scope.navigator === undefined) scope.navigator = {};
  Object.defineProperty(scope.navigator, 'gpu', { value, configurable: true, writable: true });
}

/** Drops the reference, which would otherwise keep Node from exiting on some drivers. */
export function takeBackNavigatorGpu(): void {
  const navigator = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (navigator?.gpu !== undefined) delete navigator.gpu;
}
