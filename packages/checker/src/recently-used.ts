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

  constructor(capacity: number) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
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
    if (!this.current.has(key) && this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  /** Entries kept: at most `capacity`. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  clear(): void {
    this.current = new Map();
    this.previous = new Map();
  }
}
