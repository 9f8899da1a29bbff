import { storage } from "../../fence/zalo";

/** JSON over the fence's storage; a corrupt or missing value reads as the fallback. */
export function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function writeJson(key: string, value: unknown): void {
  storage.setItem(key, JSON.stringify(value));
}

export function removeKey(key: string): void {
  storage.removeItem(key);
}
