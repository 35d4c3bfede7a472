/**
 * Contract of LegalLog for every adapter (pec-spec §6.4): the hash chain and its canonical hash,
 * search by msgid, sender, recipient and time, verification that catches changed and missing rows
 * (changed through the harness's raw SQL), concurrent appends, and prefix-only purges that keep
 * the rest verifiable.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewLegalLogEntry } from '../../ports/legal-log.ts';
import type { Storage } from '../../ports/storage.ts';
import { genesisHash, hashLegalLogEntry } from '../sql/hash-legal-log-entry.ts';
import { must, withStorage, type StorageHarness } from './storage-harness.ts';

const base = new Date('2026-05-10T10:00:00.000Z');

function event(i: number, overrides: Partial<NewLegalLogEntry> = {}): NewLegalLogEntry {
  return {
    at: new Date(base.getTime() + i * 1000),
    eventType: 'pec.acceptance.issued',
    msgid: `opec${i}@pec.example.it`,
    sender: 'Mario@pec.example.it',
    recipients: ['ufficio@pec.example.org', 'Info@Example.com'],
    subject: `Pratica n° ${i} — "quoted" \\ \u{1F4E7}`,
    relatedMsgids: [`<acc${i}@pec.example.it>`],
    sendingProvider: null,
    ...overrides,
  };
}

async function appendMany(storage: Storage, count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) await storage.legalLog.append(event(i));
}

export function describeLegalLog(name: string, harness: StorageHarness): void {
  void describe(`LegalLog contract (${name})`, () => {
    void it('chains entries from the genesis hash with the canonical SHA-256', () =>
      withStorage(harness, async (storage) => {
        assert.deepEqual(await storage.legalLog.head(), { seq: 0, hash: genesisHash });
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 0 });
        const first = await storage.legalLog.append(event(1));
        const second = await storage.legalLog.append(
          event(2, { sendingProvider: 'Provider Esempio S.p.A.', subject: null }),
        );
        assert.equal(first.seq, 1);
        assert.equal(first.prevHash, genesisHash);
        assert.equal(second.seq, 2);
        assert.equal(second.prevHash, first.hash);
        assert.match(first.hash, /^[0-9a-f]{64}$/);
        assert.equal(first.hash, hashLegalLogEntry({ ...event(1), seq: 1, prevHash: genesisHash }));
        assert.deepEqual(await storage.legalLog.get(2), second);
        assert.equal(must(await storage.legalLog.get(1)).subject, event(1).subject);
        assert.equal(await storage.legalLog.get(3), undefined);
        assert.deepEqual(await storage.legalLog.head(), { seq: 2, hash: second.hash });
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 2 });
      }));

    void it('lists the links of a range of the chain: seq, previous hash and hash', () =>
      withStorage(harness, async (storage) => {
        await appendMany(storage, 4);
        const links = await storage.legalLog.links(2, 3);
        assert.deepEqual(
          links,
          [must(await storage.legalLog.get(2)), must(await storage.legalLog.get(3))].map((entry) => ({
            seq: entry.seq,
            prevHash: entry.prevHash,
            hash: entry.hash,
          })),
        );
        assert.equal(links[1]?.prevHash, links[0]?.hash);
        assert.deepEqual(await storage.legalLog.links(5, 9), []);
      }));

    void it('searches by msgid (also related ones), sender, recipient and time range', () =>
      withStorage(harness, async (storage) => {
        await appendMany(storage, 5);
        await storage.legalLog.append(
          event(6, {
            sender: 'anna@pec.example.it',
            recipients: ['mario@pec.example.it'],
            msgid: 'opec1@pec.example.it',
          }),
        );
        const seqs = async (query: Parameters<typeof storage.legalLog.search>[0]) =>
          (await storage.legalLog.search(query)).map((entry) => entry.seq);
        assert.deepEqual(await seqs({ msgid: 'opec1@pec.example.it' }), [1, 6]);
        assert.deepEqual(await seqs({ msgid: '<acc3@pec.example.it>' }), [3]);
        assert.deepEqual(await seqs({ sender: 'ANNA@pec.example.it' }), [6]);
        assert.deepEqual(await seqs({ recipient: 'info@example.com' }), [1, 2, 3, 4, 5]);
        assert.deepEqual(await seqs({ recipient: 'MARIO@pec.example.it' }), [6]);
        assert.deepEqual(
          await seqs({ since: new Date(base.getTime() + 2000), until: new Date(base.getTime() + 4000) }),
          [2, 3],
        );
        assert.deepEqual(await seqs({ sender: 'mario@pec.example.it', limit: 2, offset: 1 }), [2, 3]);
        assert.deepEqual(await seqs({ msgid: 'opec1@pec.example.it', sender: 'mario@pec.example.it' }), [1]);
        assert.deepEqual(await seqs({ msgid: 'missing' }), []);
      }));

    void it('detects a row changed behind the store', () =>
      withStorage(harness, async (storage) => {
        await appendMany(storage, 6);
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 6 });
        await harness.tamperLegalLogEntry(storage, 4);
        assert.notEqual(
          must(await storage.legalLog.get(4)).subject,
          event(4).subject,
          'the tamper hook changed the row',
        );
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: false, checked: 3, firstBadSeq: 4 });
      }));

    void it('detects a row removed behind the store, in the middle or at the end', () =>
      withStorage(harness, async (storage) => {
        await appendMany(storage, 5);
        await harness.deleteLegalLogEntry(storage, 5);
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: false, checked: 4, firstBadSeq: 5 });
        await harness.deleteLegalLogEntry(storage, 2);
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: false, checked: 1, firstBadSeq: 2 });
      }));

    void it('chains concurrent appends from several connections without forks', () =>
      withStorage(harness, async (storage) => {
        const second = await harness.openSecond(storage);
        try {
          const entries = await Promise.all(
            Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? storage : second).legalLog.append(event(i))),
          );
          assert.deepEqual(
            entries.map((entry) => entry.seq).sort((a, b) => a - b),
            Array.from({ length: 40 }, (_, i) => i + 1),
          );
          assert.deepEqual(await second.legalLog.verifyChain(), { ok: true, checked: 40 });
        } finally {
          await second.close();
        }
      }));

    void it('purges only the old prefix, records it, and still verifies what remains', () =>
      withStorage(harness, async (storage) => {
        const now = new Date('2029-01-31T12:00:00.000Z');
        const old = new Date('2026-06-30T00:00:00.000Z');
        const young = new Date('2026-08-01T00:00:00.000Z');
        await storage.legalLog.append(event(1, { at: old }));
        await storage.legalLog.append(event(2, { at: old }));
        await storage.legalLog.append(event(3, { at: young }));
        await storage.legalLog.append(event(4, { at: old }));
        const head = await storage.legalLog.head();
        const lastPurged = must(await storage.legalLog.get(2));
        const purge = must(await storage.legalLog.purge({ olderThanMonths: 30, now }));
        assert.equal(purge.before.toISOString(), '2026-07-31T12:00:00.000Z');
        assert.deepEqual(
          [purge.fromSeq, purge.throughSeq, purge.count, purge.throughHash],
          [1, 2, 2, lastPurged.hash],
        );
        assert.equal(await storage.legalLog.get(2), undefined);
        assert.equal(
          must(await storage.legalLog.get(4)).at.toISOString(),
          old.toISOString(),
          'only a prefix goes',
        );
        assert.deepEqual(await storage.legalLog.head(), head);
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 2 });
        assert.equal(await storage.legalLog.purge({ olderThanMonths: 30, now }), null);
        const next = await storage.legalLog.append(event(5));
        assert.equal(next.seq, 5);
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 3 });
        assert.deepEqual(await storage.legalLog.search({ msgid: 'opec1@pec.example.it' }), []);
        assert.deepEqual(await storage.legalLog.listPurges(), [purge]);
        const all = must(
          await storage.legalLog.purge({ olderThanMonths: 0, now: new Date('2100-01-01T00:00:00Z') }),
        );
        assert.deepEqual([all.fromSeq, all.throughSeq, all.count], [3, 5, 3]);
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 0 });
        assert.equal((await storage.legalLog.append(event(6))).prevHash, next.hash);
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 1 });
      }));
  });
}
