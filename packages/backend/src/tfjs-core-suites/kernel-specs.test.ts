import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KernelConfig } from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { wasmTrainingKernels } from '../wasm-training-kernels.js';
import { webGpuTrainingKernels } from '../webgpu/webgpu-training-kernels.js';
import { kernelSpecFiles, planSpecs } from './kernel-specs.js';
import { tfjsCoreDist } from './tfjs-core-dist.js';

const kernel = (kernelName: string): KernelConfig => ({ kernelName, backendName: 'webgpu', kernelFunc: () => [] });

describe('planSpecs: the tfjs-core spec files of a kernel list', () => {
  it('maps only to spec files that the tfjs-core package ships', () => {
    const files = [...kernelSpecFiles.values()].flat();
    expect(files.filter((file) => !existsSync(join(tfjsCoreDist(), file)))).toEqual([]);
  });

  it('plans every kernel of both config lists', () => {
    expect(() => planSpecs(wasmTrainingKernels)).not.toThrow();
    expect(() => planSpecs(webGpuTrainingKernels)).not.toThrow();
  });

  it('takes each file once, sorted', () => {
    const plan = planSpecs([kernel('Tile'), kernel('Conv2DBackpropInput'), kernel('Conv2DBackpropFilter')]);
    expect(plan).toEqual({
      specFiles: ['ops/conv2d_test.js', 'ops/conv2d_transpose_test.js', 'ops/fused/fused_conv2d_test.js', 'ops/tile_test.js'],
      ownKernels: [],
    });
  });

  it('plans nothing for no kernels', () => {
    expect(planSpecs([])).toEqual({ specFiles: [], ownKernels: [] });
  });

  it('throws, naming it, for a tfjs kernel mapped to no spec files', () => {
    expect(() => planSpecs([kernel('Tile'), kernel('Relu')])).toThrow("kernel 'Relu' has no tfjs-core spec files");
  });

  it('lists our own kernels, which tfjs does not define and tfjs-core has no specs for', () => {
    expect(planSpecs([kernel('ResnetAdamUpdate'), kernel('Sum')])).toEqual({ specFiles: ['ops/sum_test.js'], ownKernels: ['ResnetAdamUpdate'] });
  });
});
