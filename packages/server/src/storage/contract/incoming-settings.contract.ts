/**
 * Contract of the incoming-settings store for every adapter (decision 0026): defaults until saved,
 * settings replaced whole, sender lists without duplicates and per mailbox, rules appended at the
 * end, edited, reordered only with the exact set of ids, removed within their mailbox only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultIncomingSettings } from '../../ports/incoming-settings-store.ts';
import type { RuleDefinition } from '../../ports/incoming-rule.ts';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const receipts: RuleDefinition = {
  name: 'Receipts',
  enabled: true,
  match: 'any',
  conditions: [
    { field: 'pec-type', value: 'avvenuta-consegna' },
    { field: 'subject', op: 'contains', value: 'ricevuta' },
  ],
  actions: [{ kind: 'move', folder: 'Ricevute' }, { kind: 'mark-read' }, { kind: 'stop' }],
};

export function describeIncomingSettingsStore(name: string, harness: StorageHarness): void {
  void describe(`Incoming settings store contract (${name})`, () => {
    void it('answers the defaults, then the saved settings', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        assert.deepEqual(await storage.incoming.get(mario.id), defaultIncomingSettings);
        const saved = {
          ordinaryFolder: 'Ordinaria',
          antispamEnabled: false,
          spamThreshold: 7.5,
          spamAction: 'refuse' as const,
          pecSpamToFolder: true,
        };
        await storage.incoming.put(mario.id, saved);
        await storage.incoming.put(mario.id, { ...saved, spamThreshold: 8.25 });
        assert.deepEqual(await storage.incoming.get(mario.id), { ...saved, spamThreshold: 8.25 });
      }));

    void it('keeps sender lists per mailbox, once per entry', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const anna = await seedMailbox(storage);
        const first = await storage.incoming.addSender(mario.id, 'block', 'spam.example');
        assert.deepEqual(await storage.incoming.addSender(mario.id, 'block', 'spam.example'), first);
        await storage.incoming.addSender(mario.id, 'allow', 'boss@spam.example');
        await storage.incoming.addSender(anna.id, 'allow', 'other.example');
        assert.deepEqual(
          (await storage.incoming.listSenders(mario.id)).map((e) => `${e.list}:${e.value}`),
          ['allow:boss@spam.example', 'block:spam.example'],
        );
        assert.equal(await storage.incoming.removeSender(anna.id, first.id), false);
        assert.equal(await storage.incoming.removeSender(mario.id, first.id), true);
        assert.equal((await storage.incoming.listSenders(mario.id)).length, 1);
      }));

    void it('appends, edits, reorders and removes rules within their mailbox', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const anna = await seedMailbox(storage);
        const a = await storage.incoming.addRule(mario.id, receipts);
        const b = await storage.incoming.addRule(mario.id, { ...receipts, name: 'B', enabled: false });
        const c = await storage.incoming.addRule(mario.id, { ...receipts, name: 'C', conditions: [] });
        await storage.incoming.addRule(anna.id, receipts);
        assert.deepEqual(a, { ...receipts, id: a.id, position: 0 });
        assert.deepEqual(
          (await storage.incoming.listRules(mario.id)).map((r) => [r.name, r.position]),
          [
            ['Receipts', 0],
            ['B', 1],
            ['C', 2],
          ],
        );
        assert.equal(await storage.incoming.updateRule(anna.id, b.id, receipts), undefined);
        const edited = await storage.incoming.updateRule(mario.id, b.id, { ...receipts, name: 'B2' });
        assert.deepEqual(edited, { ...receipts, name: 'B2', id: b.id, position: 1 });
        assert.equal(await storage.incoming.reorderRules(mario.id, [c.id, a.id]), false);
        assert.equal(await storage.incoming.reorderRules(mario.id, [c.id, a.id, a.id]), false);
        assert.equal(await storage.incoming.reorderRules(mario.id, [c.id, a.id, b.id]), true);
        assert.deepEqual(
          (await storage.incoming.listRules(mario.id)).map((r) => r.name),
          ['C', 'Receipts', 'B2'],
        );
        assert.equal(await storage.incoming.removeRule(anna.id, a.id), false);
        assert.equal(await storage.incoming.removeRule(mario.id, a.id), true);
        assert.deepEqual(
          (await storage.incoming.listRules(mario.id)).map((r) => r.id),
          [c.id, b.id],
        );
        const d = await storage.incoming.addRule(mario.id, receipts);
        assert.equal(d.position, 3);
      }));
  });
}
