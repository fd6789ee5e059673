// Reads everything an origin stores, raw, from inside the page: shared by the Chromium tests (tests/e2e) and the
// cross-engine journeys (tests/engines), so a plaintext check means the same in every engine.

/**
 * Everything the origin stores, read raw: every IndexedDB database and object store (typed arrays decoded
 * as text too, so a plaintext byte run would show), localStorage, sessionStorage and Cache Storage bodies.
 */
export const rawStorageInPage = async () => {
  const out: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const flatten = (value: unknown): string => {
    if (value instanceof ArrayBuffer) return decoder.decode(new Uint8Array(value));
    if (ArrayBuffer.isView(value))
      return decoder.decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    if (value instanceof Blob) return '[blob]';
    if (Array.isArray(value)) return value.map(flatten).join('|');
    if (value && typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}=${flatten(v)}`)
        .join('|');
    }
    return String(value);
  };
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(info.name as string);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const storeName of Array.from(db.objectStoreNames)) {
      const store = db.transaction(storeName, 'readonly').objectStore(storeName);
      const [keys, values] = await Promise.all(
        [store.getAllKeys(), store.getAll()].map(
          (request) =>
            new Promise<unknown[]>((resolve, reject) => {
              request.onsuccess = () => resolve(request.result as unknown[]);
              request.onerror = () => reject(request.error);
            }),
        ),
      );
      out.push(`idb:${info.name}/${storeName}:${flatten(keys)}:${flatten(values)}`);
    }
    db.close();
  }
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) ?? '';
      out.push(`web-storage:${key}=${storage.getItem(key)}`);
    }
  }
  for (const cacheName of await caches.keys()) {
    const cache = await caches.open(cacheName);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      out.push(`cache:${request.url}:${response ? await response.text() : ''}`);
    }
  }
  return out.join('\n');
};
