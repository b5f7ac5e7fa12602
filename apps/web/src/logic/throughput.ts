/**
 * Images per second and time left, from a sliding window of recent batches so the
 * figure follows the current speed rather than the slow first (compiling) steps.
 */
export class ThroughputMeter {
  private readonly samples: { images: number; atMs: number }[] = [];

  constructor(private readonly windowSize = 20) {}

  /** Records that `images` more images finished at time `atMs`. */
  record(images: number, atMs: number): void {
    this.samples.push({ images, atMs });
    if (this.samples.length > this.windowSize + 1) this.samples.shift();
  }

  /** Mark a pause: time spent paused must not count as slow training. */
  reset(): void {
    this.samples.length = 0;
  }

  imagesPerSecond(): number | undefined {
    if (this.samples.length < 2) return undefined;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const images = this.samples.slice(1).reduce((sum, sample) => sum + sample.images, 0);
    const seconds = (last.atMs - first.atMs) / 1000;
    return seconds > 0 ? images / seconds : undefined;
  }

  secondsLeft(imagesLeft: number): number | undefined {
    const rate = this.imagesPerSecond();
    return rate === undefined ? undefined : imagesLeft / rate;
  }
}
