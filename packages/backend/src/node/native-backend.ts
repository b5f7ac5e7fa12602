import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError } from '../backend-unavailable-error.js';
import { describeNativeLoadError, type NativePackage } from './native-load-error.js';

/** Loads a module by name; the default resolves from this package, which sees its peers. */
export type ImportModule = (specifier: string) => Promise<unknown>;

/** tfjs-node's kernel backend says whether TensorFlow found a GPU. */
interface NodeKernelBackend {
  isUsingGpuDevice?: boolean;
}

/**
 * Imports a libtensorflow package and switches to its `tensorflow` backend.
 * Resolves to whether TensorFlow runs on a GPU.
 */
export async function startNativeBackend(pkg: NativePackage, importModule: ImportModule): Promise<boolean> {
  try {
    await importModule(pkg);
  } catch (error) {
    // The package registers its kernels before its binding fails to load: remove them, or
    // the next package's registration prints a warning for each of them.
    for (const { kernelName } of tf.getKernelsForBackend('tensorflow')) tf.unregisterKernel(kernelName, 'tensorflow');
    throw new BackendUnavailableError(describeNativeLoadError(pkg, error));
  }
  if (tf.findBackendFactory('tensorflow') === null) {
    throw new BackendUnavailableError(
      `${pkg} loaded but registered no 'tensorflow' backend with this @tensorflow/tfjs (two copies of tfjs-core?)`,
    );
  }
  if (!(await tf.setBackend('tensorflow'))) {
    throw new BackendUnavailableError(`${pkg} loaded but its backend failed to start (tfjs printed the cause above)`);
  }
  return (tf.backend() as NodeKernelBackend).isUsingGpuDevice === true;
}
