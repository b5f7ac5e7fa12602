const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;

/** Lets timers, signals and I/O run between steps; awaiting tensor data alone only drains microtasks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}
