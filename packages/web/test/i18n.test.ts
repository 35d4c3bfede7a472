// The three catalogues have the same keys, every plural category each language needs, and the same
// interpolation variables; the language detection prefers the saved choice, then the browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from '../src/i18n/index.ts';
import { en } from '../src/i18n/locales/en.ts';
import { fr } from '../src/i18n/locales/fr.ts';
import { it as itCatalogue } from '../src/i18n/locales/it.ts';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof child === 'string') out.set(path, child);
    else for (const [k, v] of flatten(child, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { it: flatten(itCatalogue), en: flatten(en), fr: flatten(fr) };
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translation catalogues', () => {
  it('have the same keys in Italian, English and French', () => {
    const reference = [...catalogues.en.keys()].sort();
    for (const [lng, catalogue] of Object.entries(catalogues)) {
      assert.deepEqual([...catalogue.keys()].sort(), reference, `keys of ${lng}`);
    }
  });

  it('have no empty string', () => {
    for (const [lng, catalogue] of Object.entries(catalogues)) {
      for (const [key, text] of catalogue) assert.notEqual(text.trim(), '', `${lng}: ${key}`);
    }
  });

  it('use the same interpolation variables in every language', () => {
    for (const [key, text] of catalogues.en) {
      for (const lng of ['it', 'fr'] as const) {
        assert.deepEqual(variables(catalogues[lng].get(key) ?? ''), variables(text), `${lng}: ${key}`);
      }
    }
  });

  it('cover every plural category Intl.PluralRules reports for each language', () => {
    const plurals = new Set(
      [...catalogues.en.keys()]
        .filter((k) => /_(one|many|other)$/.test(k))
        .map((k) => k.replace(/_\w+$/, '')),
    );
    assert.ok(plurals.size > 0);
    for (const [lng, catalogue] of Object.entries(catalogues)) {
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      for (const base of plurals) {
        for (const category of categories)
          assert.ok(catalogue.has(`${base}_${category}`), `${lng}: ${base}_${category}`);
      }
    }
  });

  it('leave the names external checks rely on unchanged in English', () => {
    assert.equal(en.signIn.address, 'Address');
    assert.equal(en.signIn.password, 'Password');
    assert.equal(en.signIn.submit, 'Sign in');
    assert.equal(en.shell.compose, 'Compose');
    assert.equal(en.reader.pecDetails, 'PEC details');
  });
});

describe('language detection', () => {
  it('prefers the saved choice, then the browser languages, then Italian', () => {
    assert.equal(detectLanguage('fr', ['en-GB']), 'fr');
    assert.equal(detectLanguage(null, ['de-DE', 'en-GB', 'it']), 'en');
    assert.equal(detectLanguage('xx', ['de-DE']), 'it');
    assert.equal(detectLanguage(null, []), 'it');
  });
});
