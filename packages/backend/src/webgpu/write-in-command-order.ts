import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

/** What of tfjs-backend-webgpu 4.22's WebGPUBackend this reads; private in its typings. */
interface EncoderInternals {
  /** The encoder commands are recorded into until the next submit; null right after one. */
  commandEncoder: GPUCommandEncoder | null;
  /** Staging buffers handed back after the next submit. */
  stagingPendingDisposal: GPUBuffer[];
}

/**
 * Writes `data` into `buffer` where the backend's command stream now stands: commands recorded
 * before still read the old contents, those recorded after read `data`. (`queue.writeBuffer`
 * would land before every command not yet submitted, and tfjs submits in batches.) As tfjs
 * uploads a tensor into a pooled buffer: a mapped staging buffer, copied in the encoder.
 */
export function writeInCommandOrder(backend: WebGPUBackend, buffer: GPUBuffer, data: Float32Array): void {
  const internals = backend as unknown as EncoderInternals;
  if (!Array.isArray(internals.stagingPendingDisposal)) {
    throw new Error('tfjs-backend-webgpu changed: WebGPUBackend has no stagingPendingDisposal (written for 4.22)');
  }
  const staging = backend.bufferManager.acquireBuffer(data.byteLength, GPUBufferUsage.MAP_WRITE | GPUBufferUsage.COPY_SRC, true, false);
  new Float32Array(staging.getMappedRange()).set(data);
  staging.unmap();
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  if (internals.commandEncoder === null) throw new Error('tfjs-backend-webgpu changed: no command encoder after ensureCommandEncoderReady (written for 4.22)');
  internals.commandEncoder.copyBufferToBuffer(staging, 0, buffer, 0, data.byteLength);
  internals.stagingPendingDisposal.push(staging);
}
