/** One entry of an `ExpiringLru`. */
interface Slot<V> {
  value: V;
  /** Epoch milliseconds after which the entry is gone. */
  expiresAt: number;
}

/**
 * A map bounded to `maxEntries` that forgets the least recently used entry first, and each
 * entry once its expiry has passed. `get` counts as a use; `peek` does not. (A `Map` keeps
 * insertion order, so re-inserting on use makes its first key the least recently used.)
 */
export interface ExpiringLru<V> {
  get(key: string): V | undefined;
  peek(key: string): V | undefined;
  set(key: string, value: V, expiresAt: number): void;
  /** Moves the expiry of a live entry. */
  expireAt(key: string, expiresAt: number): void;
  delete(key: string): void;
  clear(): void;
  readonly size: number;
}

export function createExpiringLru<V>(maxEntries: number, now: () => number = Date.now): ExpiringLru<V> {
  const slots = new Map<string, Slot<V>>();
  const live = (key: string): Slot<V> | undefined => {
    const slot = slots.get(key);
    if (slot && slot.expiresAt <= now()) {
      slots.delete(key);
      return undefined;
    }
    return slot;
  };
  return {
    get(key) {
      const slot = live(key);
      if (!slot) return undefined;
      slots.delete(key);
      slots.set(key, slot);
      return slot.value;
    },
    peek: (key) => live(key)?.value,
    set(key, value, expiresAt) {
      slots.delete(key);
      slots.set(key, { value, expiresAt });
      while (slots.size > maxEntries) slots.delete(slots.keys().next().value as string);
    },
    expireAt(key, expiresAt) {
      const slot = live(key);
      if (slot) slot.expiresAt = expiresAt;
    },
    delete: (key) => void slots.delete(key),
    clear: () => slots.clear(),
    get size() {
      return slots.size;
    },
  };
}
