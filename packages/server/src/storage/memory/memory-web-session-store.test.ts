/** The in-memory WebSessionStore: the contract with one handle, and its bound on memory. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeWebSessionStore } from '../contract/web-session-store.contract.ts';
import { createMemoryWebSessionStore } from './create-memory-web-session-store.ts';

describeWebSessionStore('memory', {
  open() {
    const store = createMemoryWebSessionStore();
    return Promise.resolve({ first: store, second: store, close: () => Promise.resolve() });
  },
});

describe('memory WebSessionStore', () => {
  it('drops the least recently used sessions past its bound', async () => {
    const store = createMemoryWebSessionStore({ maxSessions: 2 });
    const record = (idHash: string) => ({
      idHash,
      mailboxId: 1,
      address: 'a@pec.example.it',
      displayName: '',
      staySignedIn: false,
      createdAt: new Date(0),
      lastSeenAt: new Date(0),
      expiresAt: new Date(1000),
      userAgent: null,
      remoteAddress: '127.0.0.1',
    });
    await store.insert(record('1'));
    await store.insert(record('2'));
    await store.touch('1', new Date(10));
    await store.insert(record('3'));
    assert.equal(await store.find('2'), undefined);
    assert.ok((await store.find('1')) !== undefined);
    assert.ok((await store.find('3')) !== undefined);
  });
});
