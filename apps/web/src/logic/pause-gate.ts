/**
 * Lets a training loop wait between steps while the visitor has paused.
 * `wait()` resolves at once when running, else on `resume()` (stopping resumes too, so the loop sees the abort).
 */
export class PauseGate {
  private waiters: (() => void)[] = [];
  private paused = false;

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  wait(): Promise<void> {
    if (!this.paused) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
