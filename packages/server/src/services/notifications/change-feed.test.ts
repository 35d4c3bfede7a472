import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInProcessChangeBus } from '../../coordination/in-process-change-bus.ts';
import { maxChangePayloadBytes } from '../../ports/change-bus.ts';
import {
  createChangeFeed,
  decodeChange,
  encodeChange,
  mailboxChangeChannel,
  type MailboxChange,
} from './change-feed.ts';

describe('createChangeFeed', () => {
  it('delivers a change to the subscribers of its mailbox only, in order', () => {
    const feed = createChangeFeed();
    const seen: string[] = [];
    feed.subscribe(1, (change) => seen.push(`a:${change.kind}`));
    feed.subscribe(1, (change) => seen.push(`b:${change.kind}`));
    feed.subscribe(2, (change) => seen.push(`other:${change.kind}`));
    feed.publish(1, { kind: 'exists', folderId: 7, uid: 3 });
    assert.deepEqual(seen, ['a:exists', 'b:exists']);
  });

  it('stops delivering after unsubscribe (idempotent) and forgets empty mailboxes', () => {
    const feed = createChangeFeed();
    const seen: MailboxChange[] = [];
    const stop = feed.subscribe(1, (change) => seen.push(change));
    const listener = (change: MailboxChange) => seen.push(change);
    const stopTwin = feed.subscribe(1, listener);
    feed.subscribe(1, listener);
    assert.equal(feed.subscriberCount(1), 3);
    stop();
    stop();
    stopTwin();
    assert.equal(feed.subscriberCount(1), 1);
    feed.publish(1, { kind: 'flags', folderId: 7, uids: [1] });
    assert.equal(seen.length, 1);
  });

  it('isolates a throwing listener from the others and from the publisher', () => {
    const errors: unknown[] = [];
    const feed = createChangeFeed({ onListenerError: (error) => errors.push(error) });
    let reached = false;
    feed.subscribe(1, () => {
      throw new Error('boom');
    });
    feed.subscribe(1, () => {
      reached = true;
    });
    feed.publish(1, { kind: 'expunge', folderId: 7, uids: [2] });
    assert.equal(reached, true);
    assert.equal(errors.length, 1);
  });

  it('lets a listener unsubscribe itself while being notified', () => {
    const feed = createChangeFeed();
    let calls = 0;
    const stop = feed.subscribe(1, () => {
      calls++;
      stop();
    });
    feed.publish(1, { kind: 'folder-created', folderId: 1, name: 'x' });
    feed.publish(1, { kind: 'folder-created', folderId: 1, name: 'y' });
    assert.equal(calls, 1);
  });
});

describe('createChangeFeed over a change bus', () => {
  it('carries a change published on one node to the subscribers on another, once each', async () => {
    // Two nodes on one bus: the in-process adapter stands in for PostgreSQL (same contract).
    const bus = createInProcessChangeBus();
    const first = createChangeFeed({ bus });
    const second = createChangeFeed({ bus });
    const seen: string[] = [];
    first.subscribe(4, (change) => seen.push(`first:${change.kind}`));
    second.subscribe(4, (change) => seen.push(`second:${change.kind}`));
    second.subscribe(5, (change) => seen.push(`other:${change.kind}`));
    first.publish(4, { kind: 'exists', folderId: 9, uid: 12 });
    await bus.settled();
    assert.deepEqual(seen, ['first:exists', 'second:exists']);
  });

  it('splits a UID list too long for one bus payload and loses no UID', () => {
    const bus = createInProcessChangeBus();
    const payloads: string[] = [];
    bus.subscribe(mailboxChangeChannel, (payload) => payloads.push(payload));
    const feed = createChangeFeed({ bus });
    const uids: number[] = [];
    feed.subscribe(1, (change) => {
      if (change.kind === 'expunge') uids.push(...change.uids);
    });
    const expunged = Array.from({ length: 5000 }, (_, index) => 1_000_000 + index);
    feed.publish(1, { kind: 'expunge', folderId: 3, uids: expunged });
    assert.ok(payloads.length > 1, 'split into several payloads');
    for (const payload of payloads) assert.ok(Buffer.byteLength(payload) <= maxChangePayloadBytes);
    assert.deepEqual(uids, expunged);
  });

  it('reports a malformed payload from the bus instead of delivering it', async () => {
    const bus = createInProcessChangeBus();
    const errors: unknown[] = [];
    const feed = createChangeFeed({ bus, onBusError: (error) => errors.push(error) });
    const seen: MailboxChange[] = [];
    feed.subscribe(1, (change) => seen.push(change));
    await bus.publish(mailboxChangeChannel, '{"mailboxId":1,"change":{"kind":"bogus","folderId":1}}');
    await bus.publish(mailboxChangeChannel, 'not json');
    assert.equal(errors.length, 2);
    assert.deepEqual(seen, []);
    assert.equal(
      decodeChange(encodeChange(1, { kind: 'flags', folderId: 2, uids: [3] })[0] ?? '')?.mailboxId,
      1,
    );
  });
});
