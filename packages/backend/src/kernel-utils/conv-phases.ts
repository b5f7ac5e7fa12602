/** How one output phase (dx rows y = stride*i + phase) reads dy along one axis. */
export interface AxisPhase {
  /** Filter taps firstTap, firstTap + stride, ... reach this phase; `taps` of them. */
  firstTap: number;
  taps: number;
  /** Zero rows before dy (negative: dy rows to drop) and after it. */
  before: number;
  after: number;
}

/**
 * dx[stride*i + phase] = sum over t of dy[i + m - t] * w[firstTap + stride*t], with
 * m = floor((phase + pad) / stride): a stride-1 correlation of dy with the taps reversed.
 * `rows` is the number of phase outputs to compute, the same for every phase.
 */
export function axisPhase(phase: number, stride: number, filterSize: number, pad: number, dyRows: number, rows: number): AxisPhase {
  const firstTap = (phase + pad) % stride;
  const taps = Math.max(0, Math.ceil((filterSize - firstTap) / stride));
  const before = taps - 1 - Math.floor((phase + pad) / stride);
  return { firstTap, taps, before, after: rows - dyRows - before + taps - 1 };
}
