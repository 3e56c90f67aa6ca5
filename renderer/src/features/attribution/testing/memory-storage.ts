/**
 * A localStorage for the node test environment, installed when this module is imported (import it
 * before a persisted store: the store looks for its storage when it is created).
 */
export class MemoryStorage {
  private items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

export const memoryStorage = new MemoryStorage();
(globalThis as { localStorage?: unknown }).localStorage = memoryStorage;
