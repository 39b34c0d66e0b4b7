/**
 * A bounded cache that keeps what was used recently, in two generations: entries are added to
 * the current one; when it is full it becomes the previous one and the oldest generation is
 * dropped whole. A hit in the previous generation moves the entry to the current one, so
 * anything used at least once per `capacity / 2` insertions stays. A hit in the current
 * generation is one Map look-up: a least-recently-used Map reorders itself on every hit (delete
 * and set), which cost more than the look-up itself.
 */
export class RecentlyUsed<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly generationSize: number;
  private readonly generationWeight: number;
  /** The current generation's entries' weight, together. */
  private currentWeight = 0;

  /**
   * At most `capacity` entries and, with `weigh` (say, an entry's characters), at most about
   * `maxWeight` of them together: a generation is full at half of either.
   */
  constructor(
    capacity: number,
    maxWeight = Number.POSITIVE_INFINITY,
    private readonly weigh: (value: V) => number = () => 0,
  ) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
    this.generationWeight = maxWeight / 2;
  }

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.set(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    const replaced = this.current.get(key);
    if (replaced !== undefined) {
      this.currentWeight -= this.weigh(replaced);
    } else if (
      this.current.size >= this.generationSize ||
      (this.current.size > 0 && this.currentWeight + this.weigh(value) > this.generationWeight)
    ) {
      this.previous = this.current;
      this.current = new Map();
      this.currentWeight = 0;
    }
    this.current.set(key, value);
    this.currentWeight += this.weigh(value);
  }

  /** Entries kept: at most `capacity`. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  clear(): void {
    this.current = new Map();
    this.previous = new Map();
    this.currentWeight = 0;
  }
}
