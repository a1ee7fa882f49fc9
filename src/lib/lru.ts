/**
 * The one bounded memory behind every cache of strings in webjwt: at most `max` entries, and when a
 * new one would exceed that, the least recently used is dropped. A Map keeps insertion order, so
 * moving an entry to the end on every read makes its first entry the least recently used one.
 */
export class Lru<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #max: number;

  /** @param max the most entries kept, at least 1. */
  constructor(max: number) {
    this.#max = max;
  }

  /** The value kept for `key`, which becomes the most recently used; undefined when none is. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Keeps `value` for `key` as the most recently used, dropping the least recently used if full. */
  set(key: K, value: V): void {
    if (!this.#entries.delete(key) && this.#entries.size >= this.#max) {
      this.#entries.delete(this.#entries.keys().next().value as K);
    }
    this.#entries.set(key, value);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }
}
