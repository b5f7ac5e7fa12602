import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { keptFor, KeptValues } from './kept-values.js';

/** What of tfjs-backend-webgpu 4.22's BufferManager this reads; private in its typings. */
interface PoolInternals {
  /** Free buffers by `${size}_${usage}`; acquireBuffer takes the last. */
  freeBuffers: Map<string, GPUBuffer[]>;
}

export type BindGroupReuse = KeptValues<GPUBindGroup>;

// A training step of ResNet-20 makes about 360 bind groups, twice that over the two steps a
// variable's buffers alternate between; this leaves room for several networks and batch sizes.
const DEFAULT_LIMIT = 4096;

const reuses = new WeakMap<object, BindGroupReuse>();

/** A number per object, for keys and for ordering; the objects stay collectable. */
function objectIds(): (object: object) => number {
  const ids = new WeakMap<object, number>();
  let next = 0;
  return (object) => {
    let id = ids.get(object);
    if (id === undefined) {
      id = next++;
      ids.set(object, id);
    }
    return id;
  };
}

/**
 * tfjs's pool hands out the buffer freed last, so which buffer a tensor gets depends on the
 * order of earlier frees, and a program meets other buffers each step (a bind-group cache then
 * finds about a fifth of a step's groups again). Handing out the lowest-numbered free buffer
 * makes the choice depend only on which buffers are free: step after step the same programs get
 * the same buffers (or alternate between two sets), and their bind groups recur.
 */
function lowestFreeBufferFirst(backend: WebGPUBackend, idOf: (object: object) => number): void {
  const pool = backend.bufferManager;
  const internals = pool as unknown as PoolInternals;
  if (!(internals.freeBuffers instanceof Map)) {
    throw new Error('tfjs-backend-webgpu changed: BufferManager has no freeBuffers map (written for 4.22)');
  }
  const acquire = pool.acquireBuffer.bind(pool);
  pool.acquireBuffer = (size, usage, mappedAtCreation, reuse) => {
    const free = internals.freeBuffers.get(`${size}_${usage}`);
    if (free !== undefined && free.length > 1) {
      let lowest = free.length - 1;
      for (let i = 0; i < free.length - 1; i++) if (idOf(free[i]) < idOf(free[lowest])) lowest = i;
      [free[lowest], free[free.length - 1]] = [free[free.length - 1], free[lowest]];
    }
    return acquire(size, usage, mappedAtCreation, reuse);
  };
}

/**
 * Cuts tfjs's CPU work per dispatch: tfjs creates a bind group for every program it runs. Here
 * one is kept per pipeline and set of bound buffers (with the pool handing out the lowest free
 * buffer, above, so that sets recur). A buffer of a kept group may hold another tensor by the
 * time the group is used again: a bind group names buffers, not contents, so it stays right.
 * A later call sets the limit.
 */
export function reuseBindGroups(backend: WebGPUBackend, limit = DEFAULT_LIMIT): BindGroupReuse {
  return keptFor(reuses, backend, limit, () => {
    const kept = new KeptValues<GPUBindGroup>(limit);
    const idOf = objectIds();
    lowestFreeBufferFirst(backend, idOf);
    const { device } = backend;

    // tfjs asks its pipeline for the layout on every dispatch; one layout object per pipeline
    // gives the key a stable identity.
    const withStableLayout = (pipeline: GPUComputePipeline): GPUComputePipeline => {
      const layoutOf = pipeline.getBindGroupLayout.bind(pipeline);
      const layouts: GPUBindGroupLayout[] = [];
      pipeline.getBindGroupLayout = (index) => (layouts[index] ??= layoutOf(index));
      return pipeline;
    };
    const createPipeline = device.createComputePipeline.bind(device);
    const createPipelineAsync = device.createComputePipelineAsync.bind(device);
    device.createComputePipeline = (descriptor) => withStableLayout(createPipeline(descriptor));
    device.createComputePipelineAsync = async (descriptor) => withStableLayout(await createPipelineAsync(descriptor));

    const createBindGroup = device.createBindGroup.bind(device);
    device.createBindGroup = (descriptor) => {
      let key = String(idOf(descriptor.layout));
      for (const entry of descriptor.entries) {
        const binding = entry.resource as Partial<GPUBufferBinding>;
        // Texture views (tfjs's pixel programs) are new objects on every dispatch: not kept.
        if (binding.buffer === undefined) return createBindGroup(descriptor);
        key += `|${entry.binding}:${idOf(binding.buffer)}:${binding.offset ?? 0}:${binding.size ?? ''}`;
      }
      const hit = kept.find(key);
      if (hit !== undefined) return hit;
      const group = createBindGroup(descriptor);
      kept.keep(key, group);
      return group;
    };
    return kept;
  });
}

/** The bind-group reuse set up on `backend`, if any. */
export function bindGroupReuseOf(backend: WebGPUBackend): BindGroupReuse | undefined {
  return reuses.get(backend);
}
