/**
 * Contract of the passkey and Web Push stores for every adapter: a credential ID registered once,
 * listed per box, its counter moved only from the value read; a challenge taken once and never
 * after it expires; one VAPID key pair whoever asks first; subscriptions per box, moved by
 * endpoint, removed by box, endpoint or session; the hourly push counter stops at its cap.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 7) + minutes * 60_000);

function newPasskey(mailboxId: number, credentialId: string) {
  return {
    mailboxId,
    name: 'Laptop',
    credentialId,
    publicKey: 'pQECAyYgASFYIA',
    counter: 0,
    transports: ['internal', 'hybrid'],
    userHandle: 'dXNlcg',
    createdAt: at(0),
  };
}

export function describePasskeyStore(name: string, harness: StorageHarness): void {
  void describe(`Passkey and Web Push store contract (${name})`, () => {
    void it('keeps passkeys per box, each credential once, counters moved from the value read', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const other = await seedMailbox(storage);
        const added = await storage.passkeys.add(newPasskey(box.id, 'cred-1'));
        assert.ok(added !== undefined);
        assert.deepEqual(added, { ...newPasskey(box.id, 'cred-1'), id: added.id, lastUsedAt: null });
        assert.equal(await storage.passkeys.add(newPasskey(other.id, 'cred-1')), undefined, 'one owner');
        await storage.passkeys.add(newPasskey(box.id, 'cred-2'));
        assert.deepEqual(
          (await storage.passkeys.list(box.id)).map((p) => p.credentialId),
          ['cred-1', 'cred-2'],
        );
        assert.deepEqual(await storage.passkeys.list(other.id), []);
        assert.equal((await storage.passkeys.findByCredentialId('cred-1'))?.mailboxId, box.id);
        assert.equal(await storage.passkeys.findByCredentialId('nope'), undefined);
        assert.equal(await storage.passkeys.recordUse(added.id, 0, 5, at(1)), true);
        assert.equal(await storage.passkeys.recordUse(added.id, 0, 6, at(2)), false, 'stale counter');
        const used = await storage.passkeys.findByCredentialId('cred-1');
        assert.equal(used?.counter, 5);
        assert.deepEqual(used.lastUsedAt, at(1));
        assert.equal(await storage.passkeys.remove(other.id, added.id), false, "another box's");
        assert.equal(await storage.passkeys.remove(box.id, added.id), true);
        assert.equal(await storage.passkeys.remove(box.id, added.id), false);
      }));

    void it('hands a challenge out once and never after it expires', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const challenge = {
          challenge: 'c1',
          purpose: 'register',
          mailboxId: box.id,
          expiresAt: at(5),
        } as const;
        await storage.passkeys.saveChallenge(challenge);
        await storage.passkeys.saveChallenge({
          challenge: 'c2',
          purpose: 'sign-in',
          mailboxId: null,
          expiresAt: at(5),
        });
        await storage.passkeys.saveChallenge({ ...challenge, challenge: 'c3' });
        assert.deepEqual(await storage.passkeys.takeChallenge('c1', at(1)), challenge);
        assert.equal(await storage.passkeys.takeChallenge('c1', at(1)), undefined, 'single use');
        assert.equal(await storage.passkeys.takeChallenge('c2', at(5)), undefined, 'expired');
        assert.equal(await storage.passkeys.purgeChallenges(at(6)), 1);
        assert.equal(await storage.passkeys.takeChallenge('c3', at(1)), undefined, 'purged');
      }));

    void it('stores one VAPID key pair, subscriptions by endpoint, and caps pushes per hour', () =>
      withStorage(harness, async (storage) => {
        const first = await storage.webPush.vapidKeys(() => ({ publicKey: 'pub1', privateKey: 'priv1' }));
        const second = await storage.webPush.vapidKeys(() => ({ publicKey: 'pub2', privateKey: 'priv2' }));
        assert.deepEqual(first, { publicKey: 'pub1', privateKey: 'priv1' });
        assert.deepEqual(second, first, 'the first pair stays');
        const box = await seedMailbox(storage);
        const other = await seedMailbox(storage);
        const base = { p256dh: 'key', auth: 'secret', device: 'Chrome on Linux', createdAt: at(0) };
        const a = await storage.webPush.subscribe({
          ...base,
          mailboxId: box.id,
          endpoint: 'https://push.example/a',
          sessionId: 's1',
        });
        const b = await storage.webPush.subscribe({
          ...base,
          mailboxId: box.id,
          endpoint: 'https://push.example/b',
          sessionId: 's2',
        });
        assert.equal(a.endpoint, 'https://push.example/a');
        assert.deepEqual(
          (await storage.webPush.list(box.id)).map((s) => s.endpoint),
          ['https://push.example/a', 'https://push.example/b'],
        );
        const moved = await storage.webPush.subscribe({
          ...base,
          mailboxId: other.id,
          endpoint: 'https://push.example/b',
          sessionId: 's3',
        });
        assert.equal(moved.mailboxId, other.id, 'the endpoint follows the box that subscribed last');
        assert.equal((await storage.webPush.list(box.id)).length, 1);
        assert.equal(await storage.webPush.remove(box.id, b.id), false, "another box's");
        assert.equal(await storage.webPush.removeForSession('s3'), 1);
        assert.equal(await storage.webPush.removeEndpoint('https://push.example/a'), true);
        assert.equal(await storage.webPush.removeEndpoint('https://push.example/a'), false);
        const c = await storage.webPush.subscribe({
          ...base,
          mailboxId: box.id,
          endpoint: 'https://push.example/c',
          sessionId: 's1',
        });
        assert.equal(await storage.webPush.remove(box.id, c.id), true);
        const counts = [];
        for (let i = 0; i < 3; i += 1) counts.push(await storage.webPush.countPush(box.id, at(0), 2));
        assert.deepEqual(counts, [true, true, false]);
        assert.equal(await storage.webPush.countPush(other.id, at(0), 2), true);
        assert.equal(await storage.webPush.countPush(box.id, at(60), 2), true, 'a new hour');
      }));
  });
}
