/** A faster backend that could not start here, and why. */
export interface SkippedBackend {
  name: string;
  reason: string;
}

/** The GPU a `webgpu` backend runs on, as its adapter describes itself. */
export interface GpuAdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A CPU implementation (SwiftShader, lavapipe): far slower than wasm. */
  software: boolean;
}

/** What was chosen, and why each faster backend before it was skipped. */
export interface BackendSelection {
  backend: string;
  skipped: SkippedBackend[];
  /** The threads wasm trains on (XNNPACK's pool and our GEMM's: the fewer), when the backend is wasm. */
  threads?: number;
  /** The adapter, when the backend is webgpu. */
  adapter?: GpuAdapterReport;
}

/** One line for people: "wasm (2 threads)", "webgpu (nvidia hopper)". */
export function describeSelection(selection: BackendSelection): string {
  const { backend, threads, adapter } = selection;
  if (threads !== undefined) return `${backend} (${threads} thread${threads === 1 ? '' : 's'})`;
  if (adapter !== undefined) return `${backend} (${describeAdapter(adapter)})`;
  return backend;
}

export function describeAdapter(adapter: GpuAdapterReport): string {
  const name = [adapter.vendor, adapter.architecture, adapter.device].filter((part) => part !== '').join(' ');
  return `${name || adapter.description || 'unknown adapter'}${adapter.software ? ', software' : ''}`;
}
