/**
 * Contract of ChangeBus for every adapter: local subscribers hear a publish synchronously and once,
 * per channel, in order; listeners are isolated; the payload limit and channel names are enforced;
 * and across nodes a publish is heard once on the other node, byte-exact and in publish order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxChangePayloadBytes } from '../ports/change-bus.ts';
import { collect, withNodes, type CoordinationHarness } from './coordination-harness.ts';

const timeout = 20_000;

export function describeChangeBus(name: string, harness: CoordinationHarness): void {
  void describe(`ChangeBus contract (${name})`, { timeout }, () => {
    void it('tells local subscribers of the channel synchronously, in order, and no one else', () =>
      withNodes(
        () => harness.openBuses(),
        async (bus) => {
          const seen: string[] = [];
          bus.subscribe('mailbox', (payload) => seen.push(`a:${payload}`));
          bus.subscribe('mailbox', (payload) => seen.push(`b:${payload}`));
          bus.subscribe('queue', (payload) => seen.push(`queue:${payload}`));
          await bus.settled();
          const published = bus.publish('mailbox', 'one');
          assert.deepEqual(seen, ['a:one', 'b:one'], 'heard before publish settles');
          await published;
          await bus.publish('mailbox', 'two');
          assert.deepEqual(seen, ['a:one', 'b:one', 'a:two', 'b:two']);
        },
      ));

    void it('stops after unsubscribe (idempotent) and isolates a throwing listener', () =>
      withNodes(
        () => harness.openBuses(),
        async (bus) => {
          const seen: string[] = [];
          bus.subscribe('queue', () => {
            throw new Error('boom');
          });
          const stop = bus.subscribe('queue', (payload) => seen.push(payload));
          await bus.publish('queue', 'x');
          stop();
          stop();
          await bus.publish('queue', 'y');
          assert.deepEqual(seen, ['x']);
        },
      ));

    void it('refuses payloads over the limit and bad channel names', () =>
      withNodes(
        () => harness.openBuses(),
        async (bus) => {
          const seen: number[] = [];
          bus.subscribe('mailbox', (payload) => seen.push(payload.length));
          await bus.publish('mailbox', 'x'.repeat(maxChangePayloadBytes));
          await assert.rejects(bus.publish('mailbox', 'x'.repeat(maxChangePayloadBytes + 1)), RangeError);
          // Bytes, not characters: 'é' is two bytes in UTF-8.
          await assert.rejects(bus.publish('mailbox', 'é'.repeat(maxChangePayloadBytes / 2 + 1)), RangeError);
          await assert.rejects(bus.publish('Bad Channel', 'x'), RangeError);
          assert.deepEqual(seen, [maxChangePayloadBytes]);
        },
      ));

    void it('refuses publishes once closed', async () => {
      const nodes = await harness.openBuses();
      await nodes.close();
      await nodes.close();
      await assert.rejects(nodes.first.publish('mailbox', 'late'));
    });

    void it("makes one node's publishes heard once on every node, byte-exact and in order", () =>
      withNodes(
        () => harness.openBuses(),
        async (first, second) => {
          const payloads = ['{"m":1,"k":"exists"}', 'ünïcode ✓', 'x'.repeat(maxChangePayloadBytes), 'last'];
          const there = collect(second, 'mailbox', payloads.length);
          const here: string[] = [];
          first.subscribe('mailbox', (payload) => here.push(payload));
          await Promise.all([first.settled(), second.settled()]);
          for (const payload of payloads) await first.publish('mailbox', payload);
          assert.deepEqual(await there.done, payloads);
          // A marker published after the others arrives last, so no duplicate can still be on its way.
          const marker = collect(first, 'mailbox', 1);
          await second.publish('mailbox', 'marker');
          assert.deepEqual(await marker.done, ['marker']);
          assert.deepEqual(here, [...payloads, 'marker'], 'each heard once here too');
          assert.equal(there.heard.length, payloads.length);
        },
      ));

    void it('keeps channels apart across nodes', () =>
      withNodes(
        () => harness.openBuses(),
        async (first, second) => {
          const mailbox: string[] = [];
          second.subscribe('mailbox', (payload) => mailbox.push(payload));
          const queue = collect(second, 'queue', 1);
          await second.settled();
          await first.publish('queue', 'wake');
          assert.deepEqual(await queue.done, ['wake']);
          assert.deepEqual(mailbox, []);
        },
      ));
  });
}
