/** A faster backend that could not start here, and why. */
export interface SkippedBackend {
  name: string;
  reason: string;
}

/** What was chosen, and why each faster backend before it was skipped. */
export interface BackendSelection {
  backend: string;
  skipped: SkippedBackend[];
  /** The threads wasm trains on (XNNPACK's pool and our GEMM's: the fewer), when the backend is wasm. */
  threads?: number;
}
