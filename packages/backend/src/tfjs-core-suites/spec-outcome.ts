/** One jasmine spec's result, as the runner's child process reports it. */
export interface SpecOutcome {
  /** The spec's full name: suite, test env, flags, spec (`tile wasm {} 1D (tile)`). */
  name: string;
  status: 'passed' | 'failed' | 'pending' | 'excluded';
  /** The failed expectations' messages, for a failed spec. */
  failure?: string;
}
