import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChangeFeed, type MailboxChange } from './change-feed.ts';

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
