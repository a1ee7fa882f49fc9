/**
 * Where the tokens live. `localStorage`, `sessionStorage` and React Native's AsyncStorage all fit one
 * shape, so there are no adapters: each call's result is awaited, which a synchronous value survives.
 */

/** `getItem`, `setItem` and `removeItem`, synchronous (Web Storage) or returning promises (AsyncStorage). */
export interface TokenStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): unknown;
  removeItem(key: string): unknown;
}

/** The default: a Map, gone with the page, out of reach of other tabs and of scripts reading localStorage. */
export function memoryStorage(): TokenStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => items.set(key, value),
    removeItem: (key) => items.delete(key),
  };
}
