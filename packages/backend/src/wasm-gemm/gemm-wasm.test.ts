import { describe, expect, it } from 'vitest';
import { enableRelaxedSimd } from '../node/relaxed-simd-flag.js';
import { gemmWasm } from './gemm-wasm.js';

enableRelaxedSimd(); // for the fused variant, in Node 20

// Two images of 5 rows of 6 positions in dy; x's rows are 2 positions wider and its images a row taller.
const [images, imageRows, rowLen, cin, cout] = [2, 5, 6, 8, 16];
const xRow = rowLen + 2;
const xImage = (imageRows + 1) * xRow;
const tapOffsets = [0, xRow + 2];

/** out[ci][co] = sum over dy's positions of x[position on x's grid + offset][ci] * dy[position][co], in plain JavaScript. */
function reference(x: Float32Array, dy: Float32Array, offset: number) {
  const out = new Float32Array(cin * cout);
  for (let b = 0; b < images; b++) {
    for (let h = 0; h < imageRows; h++) {
      for (let w = 0; w < rowLen; w++) {
        const xp = b * xImage + h * xRow + w + offset;
        const dp = (b * imageRows + h) * rowLen + w;
        for (let ci = 0; ci < cin; ci++) {
          for (let co = 0; co < cout; co++) out[ci * cout + co] += x[xp * cin + ci] * dy[dp * cout + co];
        }
      }
    }
  }
  return out;
}

describe('gemm wasm: filterGrad', () => {
  const shared = () => new WebAssembly.Memory({ initial: 2, maximum: 4, shared: true });
  const unshared = () => new WebAssembly.Memory({ initial: 2, maximum: 4 });
  it.each([
    { variant: 'shared', base64: gemmWasm.shared, memory: shared },
    { variant: 'unshared', base64: gemmWasm.unshared, memory: unshared },
    { variant: 'fused (relaxed SIMD), shared', base64: gemmWasm.fused.shared, memory: shared },
    { variant: 'fused (relaxed SIMD), unshared', base64: gemmWasm.fused.unshared, memory: unshared },
  ])('$variant: sums two taps over blocks of rows claimed by two threads as plain loops do', ({ base64, memory: makeMemory }) => {
    const memory = makeMemory();
    const module = new WebAssembly.Module(Buffer.from(base64, 'base64'));
    const filterGrad = new WebAssembly.Instance(module, { env: { memory } }).exports.filterGrad as (...args: number[]) => void;
    const f32 = new Float32Array(memory.buffer);
    const xAt = 64;
    const dyAt = xAt + images * xImage * cin;
    const outAt = dyAt + images * imageRows * rowLen * cout;
    const x = f32.subarray(xAt, dyAt);
    const dy = f32.subarray(dyAt, outAt);
    x.forEach((_, i) => (x[i] = Math.sin(i)));
    dy.forEach((_, i) => (dy[i] = Math.cos(i * 0.7)));
    new Int32Array(memory.buffer, 0, 2).set(tapOffsets.map((o) => (xAt + o * cin) * 4));
    // Blocks of 2 rows: 3 per image, 6 claims. As two threads: one finds blocks 0 and 1
    // already claimed and does the rest; the other does those two. Each has its own output.
    const [blockRows, blocksPerImage] = [2, 3];
    const [counter, otherCounter] = [32, 48];
    new Int32Array(memory.buffer, counter, 1)[0] = 2;
    const outFloats = 2 * cin * cout;
    const call = (out: number, count: number, claims: number) =>
      filterGrad(0, 2, dyAt * 4, out * 4, count, claims, blocksPerImage, blockRows, imageRows, rowLen, xImage * cin * 4, xRow * cin * 4, cin, cout);
    call(outAt, counter, images * blocksPerImage);
    call(outAt + outFloats, otherCounter, 2);
    expect(new Int32Array(memory.buffer, counter, 1)[0]).toBeGreaterThanOrEqual(images * blocksPerImage);
    tapOffsets.forEach((offset, t) => {
      const expected = reference(x, dy, offset);
      expected.forEach((e, i) => expect(f32[outAt + t * cin * cout + i] + f32[outAt + outFloats + t * cin * cout + i]).toBeCloseTo(e, 4));
    });
  });
});
