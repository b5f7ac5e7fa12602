import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapOffset, HeapScratch } from '../wasm-heap.js';
import { batchNormFunctions } from './batch-norm-module.js';

/** Per-channel sums over the pixels of NHWC data, in double precision. */
export interface ChannelSums {
  first: Float64Array;
  second: Float64Array;
}

/**
 * The passes BatchNorm's kernels make over x (and dy), each one read of the tensors: our wasm
 * SIMD module on tfjs's heap when the channels come in fours, plain loops otherwise (tiny
 * test networks with 3 or 5 channels).
 */
export class BatchNormPasses {
  private readonly simd: boolean;
  private readonly scratch: HeapScratch;

  constructor(
    private readonly backend: BackendWasm,
    private readonly pixels: number,
    private readonly channels: number,
  ) {
    this.simd = channels % 4 === 0;
    // part, part2 (floats), acc, acc2 (doubles), then three float vectors.
    this.scratch = new HeapScratch(backend, channels * (4 + 4 + 8 + 8 + 3 * 4));
  }

  /** sum(x - center) and, with `squares`, sum((x - center)^2), per channel. */
  sums(x: TensorInfo, center: Float32Array, squares: boolean): ChannelSums {
    const c = this.channels;
    if (!this.simd) {
      const xs = this.view(x);
      const first = new Float64Array(c);
      const second = new Float64Array(c);
      for (let i = 0; i < xs.length; i++) {
        const d = xs[i] - center[i % c];
        first[i % c] += d;
        if (squares) second[i % c] += d * d;
      }
      return { first, second };
    }
    this.vector(0).set(center);
    this.reset();
    const s = this.scratch.pointer;
    batchNormFunctions(this.backend).channelSums(this.pointer(x), this.pixels, c, this.vectorPointer(0), squares ? 1 : 0, s, s + 8 * c, s + 4 * c, s + 16 * c);
    return this.accumulators();
  }

  /** sum(dy) and sum(dy (x - center)), per channel. */
  gradientSums(dy: TensorInfo, x: TensorInfo, center: Float32Array): ChannelSums {
    const c = this.channels;
    if (!this.simd) {
      const [ds, xs] = [this.view(dy), this.view(x)];
      const first = new Float64Array(c);
      const second = new Float64Array(c);
      for (let i = 0; i < xs.length; i++) {
        first[i % c] += ds[i];
        second[i % c] += ds[i] * (xs[i] - center[i % c]);
      }
      return { first, second };
    }
    this.vector(0).set(center);
    this.reset();
    const s = this.scratch.pointer;
    batchNormFunctions(this.backend).gradientSums(this.pointer(dy), this.pointer(x), this.pixels, c, this.vectorPointer(0), s, s + 8 * c, s + 4 * c, s + 16 * c);
    return this.accumulators();
  }

  /** out = a u + b v + k per channel; without v, out = a u + k. */
  affine(out: TensorInfo, u: TensorInfo, v: TensorInfo | undefined, a: Float32Array, b: Float32Array, k: Float32Array): void {
    const c = this.channels;
    if (!this.simd) {
      const [os, us] = [this.view(out), this.view(u)];
      const vs = v && this.view(v);
      for (let i = 0; i < os.length; i++) os[i] = a[i % c] * us[i] + (vs ? b[i % c] * vs[i] : 0) + k[i % c];
      return;
    }
    [a, b, k].forEach((values, i) => this.vector(i).set(values));
    batchNormFunctions(this.backend).affine(this.pointer(u), v ? this.pointer(v) : 0, this.pixels, c, this.vectorPointer(0), this.vectorPointer(1), this.vectorPointer(2), this.pointer(out));
  }

  release(): void {
    this.scratch.release();
  }

  private view(t: TensorInfo): Float32Array {
    return this.backend.typedArrayFromHeap(t) as Float32Array;
  }

  private pointer(t: TensorInfo): number {
    return heapOffset(this.backend, t);
  }

  private vectorPointer(i: number): number {
    return this.scratch.pointer + (24 + 4 * i) * this.channels;
  }

  private vector(i: number): Float32Array {
    return this.scratch.floats((24 + 4 * i) * this.channels, this.channels);
  }

  private reset(): void {
    this.scratch.floats(0, 24 * this.channels / 4).fill(0);
  }

  private accumulators(): ChannelSums {
    const c = this.channels;
    return { first: this.scratch.doubles(8 * c, c).slice(), second: this.scratch.doubles(16 * c, c).slice() };
  }
}
