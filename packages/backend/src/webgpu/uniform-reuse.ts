import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { keptFor, KeptValues } from './kept-values.js';

/** One uniform of a tfjs program: shapes, strides and the program's own values. */
interface ProgramUniformEntry {
  type: string;
  data: ArrayLike<number>;
}

/** What of tfjs-backend-webgpu 4.22's WebGPUBackend this reads; private in its typings. */
interface UniformInternals {
  makeUniforms(programUniform: ProgramUniformEntry[]): GPUBufferBinding;
  /** Uniform buffers handed back to tfjs's buffer pool after the next submit; a new array after each. */
  uniformPendingDisposal: GPUBuffer[];
}

export type UniformReuse = KeptValues<GPUBufferBinding>;

// A training step of ResNet-20 runs about 360 programs, most with uniforms of their own; this
// leaves room for several networks and batch sizes in one process.
const DEFAULT_LIMIT = 2048;

const reuses = new WeakMap<object, UniformReuse>();

/** The uniform's content as a key; -0 kept apart from 0 (a float uniform may be -0). */
function uniformKey(programUniform: ProgramUniformEntry[]): string {
  let key = '';
  for (const { type, data } of programUniform) {
    key += type;
    for (let i = 0; i < data.length; i++) key += Object.is(data[i], -0) ? ',-0' : `,${data[i]}`;
    key += ';';
  }
  return key;
}

/**
 * tfjs writes a new uniform buffer (shapes, strides, the program's values) for every program it
 * runs: one queue write per dispatch, though a training step runs the same programs on the same
 * shapes step after step. Here a uniform buffer is kept per distinct content, written once and
 * never again, so only uniforms that change (Adam's bias corrections) are written each step.
 * Past the limit, the least recently used goes back to tfjs's pool after the next submit
 * (commands recorded since the last one may still read it). A later call sets the limit.
 */
export function reuseUniforms(backend: WebGPUBackend, limit = DEFAULT_LIMIT): UniformReuse {
  return keptFor(reuses, backend, limit, () => {
    const internals = backend as unknown as UniformInternals;
    if (typeof internals.makeUniforms !== 'function' || !Array.isArray(internals.uniformPendingDisposal)) {
      throw new Error('tfjs-backend-webgpu changed: WebGPUBackend has no makeUniforms or uniformPendingDisposal (written for 4.22)');
    }
    const kept = new KeptValues<GPUBufferBinding>(limit, (dropped) => internals.uniformPendingDisposal.push(dropped.buffer));
    const makeUniforms = internals.makeUniforms.bind(backend);
    internals.makeUniforms = (programUniform) => {
      const key = uniformKey(programUniform);
      const hit = kept.find(key);
      if (hit !== undefined) return hit;
      // tfjs's own: a buffer from its pool, written, and queued to go back to the pool after the
      // next submit; kept instead.
      const binding = makeUniforms(programUniform);
      const pending = internals.uniformPendingDisposal;
      if (pending[pending.length - 1] !== binding.buffer) {
        throw new Error('tfjs-backend-webgpu changed: makeUniforms did not queue its buffer for release (written for 4.22)');
      }
      pending.pop();
      kept.keep(key, binding);
      return binding;
    };
    return kept;
  });
}

/** The uniform reuse set up on `backend`, if any. */
export function uniformReuseOf(backend: WebGPUBackend): UniformReuse | undefined {
  return reuses.get(backend);
}
