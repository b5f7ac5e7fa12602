import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { NEWTON_SCHULZ_COEFFICIENTS, NEWTON_SCHULZ_STEPS, orthogonalize } from './newton-schulz.js';

/** The scalar map the iteration applies to each singular value, after the scaling to norm 1. */
function mapSingularValues(values: number[]): number[] {
  const [a, b, c] = NEWTON_SCHULZ_COEFFICIENTS;
  const norm = Math.hypot(...values);
  return values.map((v) => {
    let s = v / norm;
    for (let i = 0; i < NEWTON_SCHULZ_STEPS; i++) s = a * s + b * s ** 3 + c * s ** 5;
    return s;
  });
}

/** A 2-D rotation by `angle` in the plane of axes (i, j) of an n x n identity. */
function rotation(n: number, i: number, j: number, angle: number): number[][] {
  const m = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, k): number => (r === k ? 1 : 0)));
  m[i][i] = Math.cos(angle);
  m[j][j] = Math.cos(angle);
  m[i][j] = -Math.sin(angle);
  m[j][i] = Math.sin(angle);
  return m;
}

describe('orthogonalize (Newton-Schulz)', () => {
  it('keeps the singular vectors and maps each singular value by the quintic: U·diag(s)·Vᵀ in, U·diag(p(s))·Vᵀ out', () => {
    const s = [3, 1.5, 0.2];
    const u = tf.tensor2d(rotation(3, 0, 2, 0.7));
    const v = tf.matMul(tf.tensor2d(rotation(5, 1, 3, -0.4)), tf.tensor2d(rotation(5, 0, 4, 1.1)));
    const embed = (values: number[]) => tf.tensor2d(values.map((x, i) => Array.from({ length: 5 }, (_, k) => (k === i ? x : 0))));
    const g = tf.matMul(tf.matMul(u, embed(s)), v, false, true);
    const expected = tf.matMul(tf.matMul(u, embed(mapSingularValues(s))), v, false, true) as tf.Tensor2D;
    const out = orthogonalize(g as tf.Tensor2D);
    expect(out.shape).toEqual([3, 5]);
    const got = out.arraySync().flat();
    expected.arraySync().flat().forEach((e, i) => expect(got[i]).toBeCloseTo(e, 4));
    tf.dispose([u, v, g, expected, out]);
  });

  it("brings a random matrix's singular values near 1: X·Xᵀ close to the identity, for wide and tall shapes alike", () => {
    for (const shape of [
      [8, 72],
      [72, 8],
    ] as [number, number][]) {
      const g = tf.randomNormal(shape, 0, 1, 'float32', 3) as tf.Tensor2D;
      const x = orthogonalize(g);
      expect(x.shape).toEqual(shape);
      const gram = (shape[0] < shape[1] ? tf.matMul(x, x, false, true) : tf.matMul(x, x, true, false)).arraySync() as number[][];
      // Eigenvalues of X·Xᵀ are the squared singular values: all within [0.4, 1.5] means s in [0.63, 1.22].
      gram.forEach((row, i) => {
        expect(row[i]).toBeGreaterThan(0.4);
        expect(row[i]).toBeLessThan(1.5);
        row.forEach((value, k) => k !== i && expect(Math.abs(value)).toBeLessThan(0.35));
      });
      tf.dispose([g, x]);
    }
  });

  it('transposes a tall input rather than squaring its long side, and leaks no tensor', () => {
    const g = tf.randomNormal([40, 6], 0, 1, 'float32', 5) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const tall = orthogonalize(g);
    expect(tf.memory().numTensors).toBe(before + 1);
    const viaWide = tf.tidy(() => tf.transpose(orthogonalize(tf.transpose(g))));
    const [a, b] = [tall.dataSync(), viaWide.dataSync()];
    a.forEach((value, i) => expect(value).toBeCloseTo(b[i], 5));
    tf.dispose([g, tall, viaWide]);
  });
});
