import { describe, expect, it } from 'vitest';
import { tryBackends } from './try-backends.js';

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

describe('tryBackends (fake GPU probes)', () => {
  it('takes the first backend that starts and says why the others were skipped', async () => {
    const { tried, attempt } = attempts({ webgpu: 'no WebGPU adapter', webgl: new Error('context lost') });
    expect(await tryBackends(['webgpu', 'webgl', 'wasm', 'cpu'], attempt)).toEqual({
      backend: 'wasm',
      skipped: [
        { name: 'webgpu', reason: 'no WebGPU adapter' },
        { name: 'webgl', reason: 'context lost' },
      ],
    });
    expect(tried).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('stops at the first that works', async () => {
    const { tried, attempt } = attempts({});
    expect(await tryBackends(['webgl', 'cpu'], attempt)).toEqual({ backend: 'webgl', skipped: [] });
    expect(tried).toEqual(['webgl']);
  });

  it('fails with every reason when nothing starts', async () => {
    const { attempt } = attempts({ wasm: 'no wasm', cpu: 'broken' });
    await expect(tryBackends(['wasm', 'cpu'], attempt)).rejects.toThrow('wasm (no wasm); cpu (broken)');
  });
});
