import { describe, expect, it } from 'vitest';
import { chooseBackend } from './backend-choice.js';

/** Fake attempts stand in for GPUs, which the test machine lacks. */
function attempts(failures: Record<string, string | Error>) {
  const tried: string[] = [];
  const attempt = async (name: string) => {
    tried.push(name);
    const failure = failures[name];
    if (failure instanceof Error) throw failure;
    return failure;
  };
  return { tried, attempt };
}

describe('chooseBackend (fake GPU probes)', () => {
  it('auto takes the first backend that starts and says why the others were skipped', async () => {
    const { tried, attempt } = attempts({ webgpu: 'no WebGPU adapter', webgl: new Error('context lost') });
    const result = await chooseBackend('auto', attempt);
    expect(result).toEqual({
      backend: 'wasm',
      skipped: [
        { name: 'webgpu', reason: 'no WebGPU adapter' },
        { name: 'webgl', reason: 'context lost' },
      ],
    });
    expect(tried).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('an explicit choice is tried alone when it works', async () => {
    const { tried, attempt } = attempts({});
    expect(await chooseBackend('webgl', attempt)).toEqual({ backend: 'webgl', skipped: [] });
    expect(tried).toEqual(['webgl']);
  });

  it('an explicit choice that fails falls back to cpu', async () => {
    const { attempt } = attempts({ webgpu: 'navigator.gpu is missing' });
    expect(await chooseBackend('webgpu', attempt)).toEqual({
      backend: 'cpu',
      skipped: [{ name: 'webgpu', reason: 'navigator.gpu is missing' }],
    });
  });

  it('fails with every reason when nothing starts', async () => {
    const { attempt } = attempts({ wasm: 'no wasm', cpu: 'broken' });
    await expect(chooseBackend('wasm', attempt)).rejects.toThrow('wasm (no wasm); cpu (broken)');
  });
});
