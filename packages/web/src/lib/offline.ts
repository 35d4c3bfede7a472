// Whether the browser is offline, and the offline copy of the mailbox the service worker keeps
// (vite.config.ts, runtimeCaching "pec-offline", decision 0033): shown when the network fails,
// emptied when the holder signs out so the next person at this browser finds nothing.
import { useSyncExternalStore } from 'react';

export const offlineCacheName = 'pec-offline';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function useOffline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => !navigator.onLine,
    () => false,
  );
}

/** Drops the offline copy; nothing to do where Cache Storage is missing (plain HTTP off localhost). */
export async function forgetOfflineCopy(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(offlineCacheName);
}
