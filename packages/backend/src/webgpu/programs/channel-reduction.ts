import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { ProgramUniforms } from '../multi-output-program.js';

const THREADS = 256;
/** At most this many partial results per channel, so that merging them stays a short loop. */
const MAX_SPLITS = 128;
/** Fewest rows a thread reads, so that a workgroup's reads outweigh its merge. */
const MIN_ROWS_PER_THREAD = 32;

/** How a per-channel reduction over the rows of [rows, channels] is laid out on workgroups. */
export interface ChannelSplits {
  /** Threads along the channels (consecutive addresses); the other THREADS / lanes go along the rows. */
  lanes: 16 | 32 | 64;
  /** The rows cut into `splits` runs of `rowsPerSplit`, one workgroup per run and block of `lanes` channels. */
  splits: number;
  rowsPerSplit: number;
}

export function channelSplits(rows: number, channels: number): ChannelSplits {
  const lanes = channels > 32 ? 64 : channels > 16 ? 32 : 16;
  const rowsPerSplit = Math.max((THREADS / lanes) * MIN_ROWS_PER_THREAD, Math.ceil(rows / MAX_SPLITS));
  return { lanes, splits: Math.ceil(rows / rowsPerSplit), rowsPerSplit };
}

/** One reduction over the rows of each channel: per-thread state, how a row adds in, how two states merge. */
export interface ChannelReduction {
  /** Tells the shader apart in tfjs's pipeline cache. */
  name: string;
  /** Inputs of the program; those named in `accumulate` as `name[i]` have the shape [rows, channels]. */
  variableNames: string[];
  /** The state's f32 fields, 0 at the start, and the program's output [splits, fields, channels]. */
  fields: string[];
  /** WGSL run once per thread, before its rows, with the channel `c`. */
  prologue?: string;
  /** WGSL that adds the element at index `i` (row-major [rows, channels]) to the state. */
  accumulate: string;
  /** WGSL that merges the state `other_<field>` into the state. */
  merge: string;
}

/**
 * A split reduction over rows: workgroup (b, s) reduces rows [s rowsPerSplit, (s + 1)
 * rowsPerSplit) of channels [b lanes, (b + 1) lanes), each thread a strided share of the
 * rows, then merges its threads' states in workgroup memory and writes one partial state, into
 * [splits, fields, channels] (or any shape of that size, such as the result of one split).
 */
export function channelReductionProgram(
  reduction: ChannelReduction,
  channels: number,
  layout: ChannelSplits,
  outputShape = [layout.splits, reduction.fields.length, channels],
): WebGPUProgram {
  const { fields } = reduction;
  const rowLanes = THREADS / layout.lanes;
  const each = (line: (field: string, f: number) => string) => fields.map(line).join('\n');
  return {
    variableNames: reduction.variableNames,
    uniforms: 'rows : i32, channels : i32, rowsPerSplit : i32,',
    outputShape,
    shaderKey: `resnetChannelReduction_${reduction.name}_${layout.lanes}`,
    // Not flat: main() reads the workgroup's position itself. (Valid for any output rank.)
    dispatchLayout: { x: [0], y: [1], z: [2] },
    dispatch: [Math.ceil(channels / layout.lanes), layout.splits, 1],
    workgroupSize: [THREADS, 1, 1],
    getUserCode: () => `
  ${each((field) => `var<workgroup> shared_${field} : array<f32, ${THREADS}>;`)}

  fn main() {
    let local = i32(localIndex);
    let rowLane = local / ${layout.lanes};
    let c = i32(workgroupId.x) * ${layout.lanes} + local % ${layout.lanes};
    let split = i32(workgroupId.y);
    let begin = split * uniforms.rowsPerSplit;
    let end = min(begin + uniforms.rowsPerSplit, uniforms.rows);
    ${each((field) => `var ${field} = 0.0;`)}
    if (c < uniforms.channels) {
      ${reduction.prologue ?? ''}
      for (var row = begin + rowLane; row < end; row = row + ${rowLanes}) {
        let i = row * uniforms.channels + c;
        ${reduction.accumulate}
      }
    }
    ${each((field) => `shared_${field}[local] = ${field};`)}
    workgroupBarrier();
    for (var half = ${rowLanes / 2}; half > 0; half = half / 2) {
      if (rowLane < half) {
        let other = local + half * ${layout.lanes};
        ${each((field) => `let other_${field} = shared_${field}[other];`)}
        ${reduction.merge}
        ${each((field) => `shared_${field}[local] = ${field};`)}
      }
      workgroupBarrier();
    }
    if (rowLane == 0 && c < uniforms.channels) {
      ${each((field, f) => `result[(split * ${fields.length} + ${f}) * uniforms.channels + c] = ${field};`)}
    }
  }
  `,
  };
}

export function channelReductionUniforms(rows: number, channels: number, layout: ChannelSplits): ProgramUniforms {
  return [rows, channels, layout.rowsPerSplit].map((value) => ({ type: 'int32', data: [value] }));
}
