/** A faster backend that could not start here, and why. */
export interface SkippedBackend {
  name: string;
  reason: string;
}

/** What was chosen, and why each faster backend before it was skipped. */
export interface BackendSelection {
  backend: string;
  skipped: SkippedBackend[];
  /** XNNPACK's threads, when the backend is wasm in Node. */
  threads?: number;
}
