/**
 * What a backend keeps to reuse, by key: the least recently used let go past `limit`, hits and
 * misses counted.
 */
export class KeptValues<V> {
  hits = 0;
  misses = 0;
  private readonly values = new Map<string, V>();
  private max: number;

  constructor(
    limit: number,
    /** Called on each value let go. */
    private readonly letGo: (value: V) => void = () => {},
  ) {
    this.max = limit;
  }

  get limit(): number {
    return this.max;
  }

  set limit(limit: number) {
    this.max = limit;
    this.trim();
  }

  /** The value kept for `key`, now the most recently used (a hit); undefined if none (a miss). */
  find(key: string): V | undefined {
    const value = this.values.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // To the young end: a Map iterates in insertion order.
    this.values.delete(key);
    this.values.set(key, value);
    return value;
  }

  keep(key: string, value: V): void {
    this.values.set(key, value);
    this.trim();
  }

  private trim(): void {
    while (this.values.size > this.max) {
      const [key, value] = this.values.entries().next().value as [string, V];
      this.values.delete(key);
      this.letGo(value);
    }
  }
}

/**
 * The values kept for `owner` in `registry`: made and hooked up by `setUp` on the first call; a
 * later call sets the limit.
 */
export function keptFor<V>(
  registry: WeakMap<object, KeptValues<V>>,
  owner: object,
  limit: number,
  setUp: () => KeptValues<V>,
): KeptValues<V> {
  const existing = registry.get(owner);
  if (existing !== undefined) {
    existing.limit = limit;
    return existing;
  }
  const kept = setUp();
  registry.set(owner, kept);
  return kept;
}
