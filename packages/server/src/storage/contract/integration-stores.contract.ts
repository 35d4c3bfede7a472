/**
 * Contract of the integration stores for every adapter: API tokens found by hash with their
 * scopes, revoked once and only within their mailbox; webhook deliveries enqueued once per event
 * id, claimed with a lease, never ahead of an earlier pending delivery of the same endpoint and
 * ordering key, retried, failed for good, replayed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = (seconds: number): Date => new Date(Date.UTC(2026, 11, 7) + seconds * 1000);

export function describeIntegrationStores(name: string, harness: StorageHarness): void {
  void describe(`Integration stores contract (${name})`, () => {
    void it('keeps API tokens by hash, lists them, revokes only the own mailbox', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const anna = await seedMailbox(storage);
        const token = await storage.apiTokens.insert({
          tokenHash: 'a'.repeat(64),
          mailboxId: mario.id,
          address: mario.address,
          name: 'ERP',
          scopes: ['messages:read', 'receipts:read'],
          createdAt: at(0),
          expiresAt: at(3600),
        });
        await storage.apiTokens.insert({
          tokenHash: 'b'.repeat(64),
          mailboxId: anna.id,
          address: anna.address,
          name: 'other',
          scopes: [],
          createdAt: at(1),
          expiresAt: null,
        });
        assert.deepEqual(await storage.apiTokens.findByHash('a'.repeat(64)), token);
        assert.equal(await storage.apiTokens.findByHash('c'.repeat(64)), undefined);
        assert.deepEqual(
          (await storage.apiTokens.list(mario.id)).map((t) => t.name),
          ['ERP'],
        );
        assert.equal((await storage.apiTokens.list()).length >= 2, true);
        await storage.apiTokens.touch(token.id, at(60));
        await storage.apiTokens.touch(token.id, at(30));
        assert.deepEqual((await storage.apiTokens.findByHash('a'.repeat(64)))?.lastUsedAt, at(60));
        assert.equal(await storage.apiTokens.revoke(token.id, at(90), anna.id), false);
        assert.equal(await storage.apiTokens.revoke(token.id, at(90), mario.id), true);
        assert.equal(await storage.apiTokens.revoke(token.id, at(91)), false);
        assert.deepEqual((await storage.apiTokens.findByHash('a'.repeat(64)))?.revokedAt, at(90));
      }));

    void it('delivers webhook events once each, in order per ordering key, with retries and replay', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const endpoint = await storage.webhooks.createEndpoint({
          mailboxId: mario.id,
          address: mario.address,
          url: 'https://erp.example.org/hooks',
          secret: 'whsec_c2VjcmV0',
          events: ['message.accepted', 'message.delivered'],
          description: null,
        });
        assert.deepEqual(await storage.webhooks.listEndpoints(mario.id), [endpoint]);
        const event = (id: string, key: string) => ({
          endpointId: endpoint.id,
          eventId: id,
          eventType: 'message.accepted',
          orderingKey: key,
          payload: `{"id":"${id}"}`,
          createdAt: at(0),
          expiresAt: at(86_400),
        });
        await storage.webhooks.enqueue([event('msg_1', 'A'), event('msg_2', 'A'), event('msg_3', 'B')]);
        await storage.webhooks.enqueue([event('msg_1', 'A')]);
        // msg_2 waits behind msg_1 (same key); msg_3 has its own key.
        const first = await storage.webhooks.claimDue(at(1), 10, at(61));
        assert.deepEqual(
          first.map((d) => d.eventId),
          ['msg_1', 'msg_3'],
        );
        // Leased: not claimed again before the lease ends.
        assert.deepEqual(await storage.webhooks.claimDue(at(2), 10, at(62)), []);
        const [one, three] = first;
        assert.ok(one !== undefined && three !== undefined);
        await storage.webhooks.markFailed(one.id, { at: at(3), status: 503, error: 'HTTP 503' }, at(30));
        await storage.webhooks.markDelivered(three.id, { at: at(3), status: 204, error: null });
        assert.deepEqual(await storage.webhooks.claimDue(at(10), 10, at(70)), []);
        const retried = await storage.webhooks.claimDue(at(30), 10, at(90));
        assert.deepEqual(
          retried.map((d) => [d.eventId, d.attempts, d.lastStatus]),
          [['msg_1', 1, 503]],
        );
        await storage.webhooks.markDelivered(one.id, { at: at(31), status: 200, error: null });
        const second = await storage.webhooks.claimDue(at(31), 10, at(91));
        assert.deepEqual(
          second.map((d) => d.eventId),
          ['msg_2'],
        );
        const [two] = second;
        assert.ok(two !== undefined);
        await storage.webhooks.markFailed(two.id, { at: at(32), status: null, error: 'refused' }, null);
        assert.equal((await storage.webhooks.getDelivery(two.id))?.status, 'failed');
        assert.deepEqual(
          (await storage.webhooks.listDeliveries(endpoint.id, 10)).map((d) => [d.eventId, d.status]),
          [
            ['msg_3', 'delivered'],
            ['msg_2', 'failed'],
            ['msg_1', 'delivered'],
          ],
        );
        assert.equal(await storage.webhooks.replay(two.id, at(100), at(90_000)), true);
        assert.deepEqual(
          (await storage.webhooks.claimDue(at(100), 10, at(160))).map((d) => d.eventId),
          ['msg_2'],
        );
        // msg_2's last attempt failed (it is pending again, replayed).
        assert.deepEqual(await storage.webhooks.health(), [
          { endpointId: endpoint.id, pending: 1, delivered: 2, failed: 0, lastFailureAt: at(32) },
        ]);
        await storage.webhooks.markDelivered(two.id, { at: at(101), status: 204, error: null });
        assert.deepEqual(await storage.webhooks.health(), [
          { endpointId: endpoint.id, pending: 0, delivered: 3, failed: 0, lastFailureAt: null },
        ]);
        // Disabled: its due deliveries wait; enabled again, they are claimed.
        assert.equal(await storage.webhooks.setDisabled(endpoint.id, at(110)), true);
        assert.deepEqual((await storage.webhooks.getEndpoint(endpoint.id))?.disabledAt, at(110));
        await storage.webhooks.enqueue([{ ...event('msg_4', 'C'), createdAt: at(111) }]);
        assert.deepEqual(await storage.webhooks.claimDue(at(112), 10, at(170)), []);
        assert.deepEqual((await storage.webhooks.health())[0]?.pending, 1);
        assert.equal(await storage.webhooks.setDisabled(endpoint.id, null), true);
        assert.equal((await storage.webhooks.getEndpoint(endpoint.id))?.disabledAt, null);
        assert.deepEqual(
          (await storage.webhooks.claimDue(at(113), 10, at(170))).map((d) => d.eventId),
          ['msg_4'],
        );
        assert.equal(await storage.webhooks.setDisabled(endpoint.id + 1000, at(1)), false);
        assert.equal(await storage.webhooks.deleteEndpoint(endpoint.id), true);
        assert.deepEqual(await storage.webhooks.listDeliveries(endpoint.id, 10), []);
      }));
  });
}
