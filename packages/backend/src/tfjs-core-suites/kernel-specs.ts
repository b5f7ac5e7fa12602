import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';

/**
 * The tfjs-core spec files (paths under its dist/, as the npm package ships them) that
 * exercise each tfjs kernel we replace or add. tfjs's backends run the same files.
 */
export const kernelSpecFiles: ReadonlyMap<string, readonly string[]> = new Map([
  ['AddN', ['ops/add_n_test.js']],
  // tfjs-core keeps the cast specs in the tensor suite.
  ['Cast', ['tensor_test.js']],
  // tf.conv1d and the pointwise step of tf.separableConv2d run Conv2D too.
  ['Conv2D', ['ops/conv2d_test.js', 'ops/conv1d_test.js', 'ops/conv2d_separable_test.js']],
  // Their gradient specs run both backprop kernels.
  ['Conv2DBackpropFilter', ['ops/conv2d_test.js', 'ops/fused/fused_conv2d_test.js']],
  ['Conv2DBackpropInput', ['ops/conv2d_transpose_test.js', 'ops/conv2d_test.js', 'ops/fused/fused_conv2d_test.js']],
  ['FusedBatchNorm', ['ops/batchnorm_test.js']],
  ['FusedConv2D', ['ops/fused/fused_conv2d_test.js']],
  // tf.clone is the Identity kernel.
  ['Identity', ['ops/clone_test.js']],
  // Its gradient specs run MaxPoolGrad.
  ['MaxPoolGrad', ['ops/max_pool_test.js']],
  ['Mean', ['ops/mean_test.js', 'ops/moments_test.js']],
  ['Sum', ['ops/sum_test.js']],
  ['Tile', ['ops/tile_test.js']],
]);

export interface SpecPlan {
  /** The spec files to run, each once, sorted. */
  specFiles: string[];
  /** Kernels of our own, which tfjs does not define: tfjs-core has no specs for them. */
  ownKernels: string[];
}

/**
 * The tfjs-core spec files for `kernels` (a backend's config list). A tfjs kernel without
 * spec files in `kernelSpecFiles` is an error, so that no kernel goes untested unnoticed.
 */
export function planSpecs(kernels: readonly KernelConfig[]): SpecPlan {
  const files = new Set<string>();
  const ownKernels: string[] = [];
  for (const { kernelName } of kernels) {
    const mapped = kernelSpecFiles.get(kernelName);
    if (mapped !== undefined) {
      for (const file of mapped) files.add(file);
    } else if (isTfjsKernel(kernelName)) {
      throw new Error(
        `kernel '${kernelName}' has no tfjs-core spec files: add the ones that exercise it to kernelSpecFiles (src/tfjs-core-suites/kernel-specs.ts)`,
      );
    } else {
      ownKernels.push(kernelName);
    }
  }
  return { specFiles: [...files].sort(), ownKernels };
}

/** tfjs exports each of its kernel names as a constant of that name (`Cast = 'Cast'`). */
function isTfjsKernel(name: string): boolean {
  return (tf as unknown as Record<string, unknown>)[name] === name;
}
