import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fusedBatchNormGradConfig } from './gradients/fused-batch-norm-grad.js';
import { selectBackend, type BackendCandidate } from './select-backend.js';

const stockGradient = tf.getGradient('FusedBatchNorm');

/** Fake candidates stand in for GPUs and native libraries, which the test machine lacks. */
function candidates(failures: Record<string, string>, gradients: Record<string, boolean> = {}) {
  const tried: { name: string; named: boolean }[] = [];
  const list: BackendCandidate[] = ['webgpu', 'webgl', 'wasm', 'cpu'].map((name) => ({
    name,
    trainingGradients: gradients[name] ?? true,
    async start(named: boolean) {
      tried.push({ name, named });
      if (name in failures) throw new Error(failures[name]);
      return name === 'wasm' ? { threads: 2 } : {};
    },
  }));
  return { tried, list };
}

describe('selectBackend (fake backends)', () => {
  it('auto takes the first backend that starts, says why the others were skipped and logs each step', async () => {
    const { tried, list } = candidates({ webgpu: 'no WebGPU adapter', webgl: 'context lost' });
    const lines: string[] = [];
    expect(await selectBackend('auto', list, { log: (line) => lines.push(line) })).toEqual({
      backend: 'wasm',
      threads: 2,
      skipped: [
        { name: 'webgpu', reason: 'no WebGPU adapter' },
        { name: 'webgl', reason: 'context lost' },
      ],
    });
    expect(tried).toEqual(['webgpu', 'webgl', 'wasm'].map((name) => ({ name, named: false })));
    expect(lines).toEqual(['backend: skipped webgpu: no WebGPU adapter', 'backend: skipped webgl: context lost', 'backend: wasm (2 threads)']);
  });

  it('starts a named backend alone, telling it that it was named', async () => {
    const { tried, list } = candidates({});
    expect(await selectBackend('webgl', list)).toEqual({ backend: 'webgl', skipped: [] });
    expect(tried).toEqual([{ name: 'webgl', named: true }]);
  });

  it('a named backend that cannot start is an error with the reason, with no fallback', async () => {
    const { tried, list } = candidates({ webgpu: 'no WebGPU adapter' });
    await expect(selectBackend('webgpu', list)).rejects.toThrow("backend 'webgpu' is unavailable: no WebGPU adapter");
    expect(tried).toEqual([{ name: 'webgpu', named: true }]);
  });

  it('fails with every reason when nothing starts', async () => {
    const { list } = candidates({ webgpu: 'a', webgl: 'b', wasm: 'c', cpu: 'd' });
    await expect(selectBackend('auto', list)).rejects.toThrow('no backend could start: webgpu (a); webgl (b); wasm (c); cpu (d)');
  });

  it('rejects an unknown choice, naming the valid ones', async () => {
    const { tried, list } = candidates({});
    await expect(selectBackend('gpu', list)).rejects.toThrow("backend: expected one of auto, webgpu, webgl, wasm, cpu, got 'gpu'");
    expect(tried).toEqual([]);
  });

  it('registers our gradients where they help and puts tfjs’s back where they do not, or when turned off', async () => {
    const { list } = candidates({}, { webgl: false });
    await selectBackend('cpu', list);
    expect(tf.getGradient('FusedBatchNorm')).toBe(fusedBatchNormGradConfig);
    await selectBackend('webgl', list);
    expect(tf.getGradient('FusedBatchNorm')).toBe(stockGradient);
    await selectBackend('cpu', list);
    await selectBackend('cpu', list, { trainingGradients: false });
    expect(tf.getGradient('FusedBatchNorm')).toBe(stockGradient);
  });
});
