/** The preferences service keeps what fits and drops what does not, over the defaults. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHolderPreferences, readPreferences } from './create-holder-preferences.ts';
import { defaultPreferences } from './holder-preferences.ts';

describe('holder preferences', () => {
  it('answers the defaults for nothing stored, a broken document or values that no longer fit', async () => {
    const rows = new Map<number, string>([
      [2, '{not json'],
      [3, '{"theme":"sepia","previewLines":9,"language":"de"}'],
    ]);
    const service = createHolderPreferences({
      store: {
        get: (id) => Promise.resolve(rows.get(id)),
        put: (id, text) => {
          rows.set(id, text);
          return Promise.resolve();
        },
      },
      clock: { now: () => new Date(0) },
    });
    assert.deepEqual(await service.get(1), defaultPreferences);
    assert.deepEqual(await service.get(2), defaultPreferences);
    assert.deepEqual(await service.get(3), defaultPreferences);
    const updated = await service.update(1, {
      theme: 'dark',
      markReadAfterSeconds: null,
      signature: 'Avv. Rossi',
    });
    assert.equal(updated.theme, 'dark');
    assert.equal(updated.markReadAfterSeconds, null);
    assert.deepEqual(await service.get(1), updated);
    assert.deepEqual(JSON.parse(rows.get(1) ?? ''), updated);
    assert.equal((await service.update(1, { density: 'compact' })).theme, 'dark', 'other fields kept');
  });

  it('keeps a null language (follow the browser) apart from an unknown one', () => {
    assert.equal(readPreferences({ language: null }).language, null);
    assert.equal(readPreferences({ language: 'fr' }).language, 'fr');
    assert.equal(readPreferences({ language: 'es' }).language, null);
    assert.equal(readPreferences({ signature: 'x'.repeat(2001) }).signature, '');
  });
});
