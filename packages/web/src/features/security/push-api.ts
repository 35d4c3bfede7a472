// Web Push of new PEC (decision 0032): the service worker (/sw.js) shows the pushes; this device
// subscribes with the provider's VAPID key and tells the server, or unsubscribes and tells it too.
import { useQuery } from '@tanstack/react-query';
import { json, request } from '../../api/client.ts';

export interface PushDevice {
  id: string;
  device: string | null;
  createdAt: string;
  thisSession: boolean;
  endpointOrigin: string;
}

export const pushKeys = { list: ['security', 'push'] as const, key: ['security', 'push-key'] as const };

/** Where the id of this browser's subscription is remembered, to remove it when turned off. */
const storedId = 'pec.push.id';

export const pushSupported = (): boolean =>
  'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

export const usePushDevices = () =>
  useQuery({
    queryKey: pushKeys.list,
    queryFn: () => json<{ subscriptions: PushDevice[] }>('GET', '/push/subscriptions'),
  });

export const usePushKey = () =>
  useQuery({
    queryKey: pushKeys.key,
    queryFn: () => json<{ publicKey: string; perHour: number }>('GET', '/push/key'),
  });

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return navigator.serviceWorker.ready;
}

export const pushApi = {
  /** This browser's subscription, if it has one. */
  current: async (): Promise<PushSubscription | null> => (await registration()).pushManager.getSubscription(),
  /** Asks permission, subscribes and posts the subscription; false when notifications are blocked. */
  enable: async (publicKey: string): Promise<boolean> => {
    if ((await Notification.requestPermission()) !== 'granted') return false;
    const subscription = await (
      await registration()
    ).pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
    const saved = await json<PushDevice>('POST', '/push/subscriptions', subscription.toJSON());
    localStorage.setItem(storedId, saved.id);
    return true;
  },
  disable: async (): Promise<void> => {
    const subscription = await pushApi.current();
    await subscription?.unsubscribe();
    const id = localStorage.getItem(storedId);
    localStorage.removeItem(storedId);
    if (id !== null) await pushApi.remove(id).catch(() => undefined);
  },
  remove: async (id: string): Promise<void> => {
    await request('DELETE', `/push/subscriptions/${encodeURIComponent(id)}`);
  },
};
