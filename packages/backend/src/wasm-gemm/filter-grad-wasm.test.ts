import { describe, expect, it } from 'vitest';
import { assembleFilterGrad } from '../../scripts/assemble-wat.mjs';
import { filterGradWasm } from './filter-grad-wasm.js';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** out[ci][co] += sum over p of x[p + offset][ci] * dy[p][co], in plain JavaScript. */
function reference(x: Float32Array, dy: Float32Array, offset: number, positions: number, cin: number, cout: number) {
  const out = new Float32Array(cin * cout);
  for (let p = 0; p < positions; p++) {
    for (let ci = 0; ci < cin; ci++) {
      for (let co = 0; co < cout; co++) out[ci * cout + co] += x[(p + offset) * cin + ci] * dy[p * cout + co];
    }
  }
  return out;
}

describe('filter-grad wasm', () => {
  it('is filter-grad.wat as assembled now (after editing the .wat, run pnpm --filter @resnet/backend build:wasm)', async () => {
    const { shared, unshared } = await assembleFilterGrad();
    expect(filterGradWasm.shared).toBe(base64(shared));
    expect(filterGradWasm.unshared).toBe(base64(unshared));
  });

  it.each([
    { variant: 'shared' as const, memory: () => new WebAssembly.Memory({ initial: 2, maximum: 4, shared: true }) },
    { variant: 'unshared' as const, memory: () => new WebAssembly.Memory({ initial: 2, maximum: 4 }) },
  ])('$variant: sums two taps over chunks and threads as plain loops do', ({ variant, memory: makeMemory }) => {
    const memory = makeMemory();
    const module = new WebAssembly.Module(Buffer.from(filterGradWasm[variant], 'base64'));
    const filterGrad = new WebAssembly.Instance(module, { env: { memory } }).exports.filterGrad as (...args: number[]) => void;
    const [positions, cin, cout, chunk, offset] = [37, 8, 16, 5, 3];
    const f32 = new Float32Array(memory.buffer);
    const xAt = 64;
    const dyAt = xAt + (positions + offset) * cin;
    const outAt = dyAt + positions * cout;
    const x = f32.subarray(xAt, dyAt);
    const dy = f32.subarray(dyAt, outAt);
    x.forEach((_, i) => (x[i] = Math.sin(i)));
    dy.forEach((_, i) => (dy[i] = Math.cos(i * 0.7)));
    new Int32Array(memory.buffer, 0, 2).set([xAt * 4, (xAt + offset * cin) * 4]);
    // As two threads: one finds chunks 0 and 1 already claimed and does the rest, the
    // other does those two; each adds into its own output of 2 taps.
    const [counter, otherCounter] = [32, 48];
    new Int32Array(memory.buffer, counter, 1)[0] = 2 * chunk;
    const outFloats = 2 * cin * cout;
    filterGrad(0, 2, dyAt * 4, outAt * 4, positions, chunk, counter, cin, cout);
    filterGrad(0, 2, dyAt * 4, (outAt + outFloats) * 4, 2 * chunk, chunk, otherCounter, cin, cout);
    expect(new Int32Array(memory.buffer, counter, 1)[0]).toBeGreaterThanOrEqual(positions);
    const sum = (t: number) => f32.subarray(outAt + t * cin * cout, outAt + (t + 1) * cin * cout).map((v, i) => v + f32[outAt + outFloats + t * cin * cout + i]);
    for (const [t, tapOffset] of [0, offset].entries()) {
      const expected = reference(x, dy, tapOffset, positions, cin, cout);
      const actual = sum(t);
      expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 4));
    }
  });
});
