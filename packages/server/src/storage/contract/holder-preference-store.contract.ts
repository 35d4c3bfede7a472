/**
 * Contract of the holder preference store for every adapter: nothing until saved, the last saved
 * document wins, each box keeps its own, and the row goes with its box.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

export function describeHolderPreferenceStore(name: string, harness: StorageHarness): void {
  void describe(`Holder preference store contract (${name})`, () => {
    void it('keeps one document per box, replaced whole, apart from other boxes', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const anna = await seedMailbox(storage);
        assert.equal(await storage.preferences.get(mario.id), undefined);
        await storage.preferences.put(mario.id, '{"theme":"dark"}', new Date(1000));
        await storage.preferences.put(mario.id, '{"theme":"light","density":"compact"}', new Date(2000));
        await storage.preferences.put(anna.id, '{"language":"fr"}', new Date(2000));
        assert.equal(await storage.preferences.get(mario.id), '{"theme":"light","density":"compact"}');
        assert.equal(await storage.preferences.get(anna.id), '{"language":"fr"}');
        await storage.transaction(async (tx) => {
          await tx.preferences.put(anna.id, '{"language":"it"}', new Date(3000));
        });
        assert.equal(await storage.preferences.get(anna.id), '{"language":"it"}');
      }));
  });
}
